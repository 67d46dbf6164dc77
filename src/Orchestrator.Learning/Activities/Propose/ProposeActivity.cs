using Stopwatch = System.Diagnostics.Stopwatch;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Artifacts;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Core.Tasks;
using Orchestrator.Learning.Checkpoints;
using Orchestrator.Learning.Loop;
using Orchestrator.Learning.Randomness;

namespace Orchestrator.Learning.Activities.Propose;

/// <summary>
/// <c>learning/propose</c>: poses fresh training-side problems of the given lengths and lets a model version
/// attempt each one — greedily and/or several times at a temperature. The attempts go to an artifact for
/// <c>task/check</c>; nothing here knows whether they are right.
/// </summary>
public sealed class ProposeActivity(LearningServices services)
    : Activity<ProposeOptions, ProposeOutput>("learning/propose", "Samples k attempts per problem from a model version on new problems of given lengths.", new ProposeOptionsValidator(services.Loop))
{
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(ProposeOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var task = services.Loop.Task(options.Task);
        var (model, problem) = await ModelVersions.TryLoadAsync(services, options.Model, cancellationToken);
        if (model is null) return Failed("model-unavailable", problem!);

        using (model)
        {
            var clock = Stopwatch.StartNew();
            var problems = new List<TaskItem>();
            var lengths = Enumerable.Range(options.From, options.Span).ToList();
            foreach (var length in lengths)
                problems.AddRange(TaskSampler.Training(task, length, options.Problems, context.Random));
            var prompts = problems.Select(p => p.Prompt).ToList();
            var random = new SeededRandom(context.Random.NextInt64());

            var attempts = new List<AttemptRecord>();
            var rounds = (options.Greedy ? 1 : 0) + options.Samples;
            for (var round = 0; round < rounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var greedy = options.Greedy && round == 0;
                var answers = ModelAnswers.Generate(model, prompts, greedy ? 0 : options.Temperature, random, options.Batch);
                for (var i = 0; i < problems.Count; i++)
                    attempts.Add(new AttemptRecord { Task = task.Name, Prompt = problems[i].Prompt, Length = problems[i].Length, Attempt = answers[i], Sample = round, Greedy = greedy, Reference = problems[i].Answer });
                context.Progress(new StepProgress("propose", round + 1, rounds) { Remaining = clock.Elapsed / (round + 1) * (rounds - round - 1), Detail = $"{problems.Count} problems, lengths {string.Join(",", lengths)}" });
            }

            var hash = await JsonLinesArtifact.WriteAsync(services.Loop.Artifacts, attempts, cancellationToken);
            return Done(new ProposeOutput { Attempts = hash, Total = attempts.Count, Problems = problems.Count, Lengths = lengths, Model = model.Version.Reference, Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1) });
        }
    }
}
