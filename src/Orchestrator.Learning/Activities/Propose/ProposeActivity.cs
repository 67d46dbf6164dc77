using Stopwatch = System.Diagnostics.Stopwatch;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Core.Tasks;
using Orchestrator.Learning.Loop;
using Orchestrator.Learning.Randomness;

namespace Orchestrator.Learning.Activities.Propose;

/// <summary>
/// <c>learning/propose</c>: poses fresh training-side problems of the given lengths and lets a model version
/// attempt each one — greedily and/or several times at a temperature; optionally also each problem's
/// task-declared variants, and by several model versions (an ensemble). Every attempt records its model and the
/// model's probability of it. The attempts go to an artifact; nothing here knows whether they are right.
/// </summary>
public sealed class ProposeActivity(LearningServices services)
    : Activity<ProposeOptions, ProposeOutput>("learning/propose", "Samples k attempts per problem from a model version on new problems of given lengths.", new ProposeOptionsValidator(services.Loop))
{
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(ProposeOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var task = services.Loop.Task(options.Task);
        var clock = Stopwatch.StartNew();
        var first = Math.Max(task.MinLength, options.From - options.Review);
        var lengths = Enumerable.Range(first, options.From - first + options.Span).ToList();
        var problems = new List<TaskItem>();
        foreach (var length in lengths)
            problems.AddRange(TaskSampler.Training(task, length, options.Problems, context.Random));
        var prompts = Prompts(task, problems, options.Variants);
        var random = new SeededRandom(context.Random.NextInt64());

        var attempts = new List<AttemptRecord>();
        var models = new List<string>();
        var references = new[] { options.Model }.Concat(options.Ensemble).ToList();
        var rounds = (options.Greedy ? 1 : 0) + options.Samples;
        foreach (var reference in references)
        {
            var (model, problem) = await ModelVersions.TryLoadAsync(services, reference, cancellationToken);
            if (model is null) return Failed("model-unavailable", problem!);
            using (model)
            {
                models.Add(model.Version.Reference);
                for (var round = 0; round < rounds; round++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var greedy = options.Greedy && round == 0;
                    var answers = ModelAnswers.GenerateScored(model, prompts.Select(p => p.Prompt).ToList(), greedy ? 0 : options.Temperature, random, options.Batch);
                    for (var i = 0; i < prompts.Count; i++)
                        attempts.Add(prompts[i].Attempt(task.Name, answers[i], round, greedy, model.Version.Reference));
                    var done = (models.Count - 1) * rounds + round + 1;
                    var total = references.Count * rounds;
                    context.Progress(new StepProgress("propose", done, total) { Remaining = clock.Elapsed / done * (total - done), Detail = $"{problems.Count} problems, lengths {string.Join(",", lengths)}, {model.Version.Reference}" });
                }
            }
        }

        var hash = await JsonLinesArtifact.WriteAsync(services.Loop.Artifacts, attempts, cancellationToken);
        return Done(new ProposeOutput { Attempts = hash, Total = attempts.Count, Problems = problems.Count, Lengths = lengths, Model = models[0], Models = models, Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1) });
    }

    /// <summary>
    /// Each problem's prompt, followed (when asked) by its variants, which share its answer. A variant that falls in
    /// the protected part of the task is left out: what the gate may test on must never become training data.
    /// </summary>
    private static List<PosedPrompt> Prompts(ITaskFamily task, List<TaskItem> problems, bool variants)
    {
        var posed = new List<PosedPrompt>();
        foreach (var item in problems)
        {
            posed.Add(new PosedPrompt(item, item.Prompt, null));
            if (variants && task is IPromptVariants rewrites)
                posed.AddRange(rewrites.Variants(item.Prompt).Where(v => !TaskPartition.IsProtected(task.Name, v.Prompt)).Select(v => new PosedPrompt(item, v.Prompt, v.Name)));
        }
        return posed;
    }

    private sealed record PosedPrompt(TaskItem Item, string Prompt, string? Variant)
    {
        public AttemptRecord Attempt(string task, ScoredAnswer answer, int sample, bool greedy, string model) => new()
        {
            Task = task,
            Prompt = Prompt,
            Length = Item.Length,
            Attempt = answer.Text,
            Sample = sample,
            Greedy = greedy,
            Reference = Item.Answer,
            Model = model,
            Confidence = Math.Round(answer.Probability, 6),
            Variant = Variant,
            Origin = Variant is null ? null : Item.Prompt,
        };
    }
}
