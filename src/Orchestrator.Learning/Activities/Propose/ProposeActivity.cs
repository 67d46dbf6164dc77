using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json.Nodes;
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
    : Activity<ProposeOptions, ProposeOutput>("learning/propose", "Samples k attempts per problem from a model version (or a configured chat model) on new problems of given lengths.", new ProposeOptionsValidator(services))
{
    protected override IEnumerable<InputProblem> CheckPresence(JsonObject inputs)
    {
        var (model, chat) = (inputs.ContainsKey("model"), inputs.ContainsKey("chat"));
        if (model == chat)
            yield return new InputProblem(model ? "chat" : "model", model
                ? "'learning/propose' takes either 'model' (a local version) or 'chat' (a configured connection), not both"
                : "'learning/propose' needs 'model' (a local version, e.g. addition@champion) or 'chat' (a configured connection)",
                model ? "remove one of them" : "add 'model: ...' or 'chat: ...' under 'with'");
    }

    protected override async ValueTask<ActivityOutcome> ExecuteAsync(ProposeOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        if ((options.Model.Length > 0) == (options.Chat.Length > 0))
            return Failed("invalid-input", options.Model.Length > 0 ? "model and chat are both set; a step proposes with one of them" : "model and chat are both empty; name a model version or a chat connection");
        var meter = new ComputeMeter();
        var task = services.Loop.Task(options.Task);
        var clock = Stopwatch.StartNew();
        var first = Math.Max(task.MinLength, options.From - options.Review);
        var lengths = Enumerable.Range(first, options.From - first + options.Span).ToList();
        var problems = new List<TaskItem>();
        foreach (var length in lengths)
            problems.AddRange(TaskSampler.Training(task, length, length < options.From && options.ReviewProblems > 0 ? options.ReviewProblems : options.Problems, context.Random));
        var prompts = Prompts(task, problems, options.Variants);
        var random = new SeededRandom(context.Random.NextInt64());

        var attempts = new List<AttemptRecord>();
        var models = new List<string>();
        var references = (options.Chat.Length > 0 ? [] : new[] { options.Model }).Concat(options.Ensemble).ToList();
        var rounds = (options.Greedy ? 1 : 0) + options.Samples;
        var total = (references.Count + (options.Chat.Length > 0 ? 1 : 0)) * rounds;
        if (options.Chat.Length > 0)
        {
            if (await AskChatAsync(options, task, prompts, rounds, attempts, models, context, clock, cancellationToken) is { } failed) return failed;
        }
        // Rounds already made before the local models': the chat model's, when it proposed.
        var before = total - references.Count * rounds;
        var sampled = 0;
        foreach (var (reference, index) in references.Select((r, i) => (r, i)))
        {
            var (model, problem) = await ModelVersions.TryLoadAsync(services, reference, cancellationToken);
            if (model is null) return Failed("model-unavailable", problem!);
            using (model)
            {
                models.Add(model.Version.Reference);
                cancellationToken.ThrowIfCancellationRequested();
                sampled += Attempt(model, options, task.Name, prompts, random, attempts, meter);
                var done = before + (index + 1) * rounds;
                context.Progress(new StepProgress("propose", done, total) { Remaining = clock.Elapsed / done * (total - done), Detail = $"{problems.Count} problems, lengths {string.Join(",", lengths)}, {model.Version.Reference}" });
            }
        }

        var hash = await JsonLinesArtifact.WriteAsync(services.Loop.Artifacts, attempts, cancellationToken);
        return Done(new ProposeOutput { Attempts = hash, Total = attempts.Count, Problems = problems.Count, SampledPrompts = sampled, Lengths = lengths, Model = models[0], Models = models, Chat = options.Chat, Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1), Gflop = meter.Gflop, CpuSeconds = meter.CpuSeconds });
    }

    /// <summary>
    /// One model's attempts: the greedy one and the samples of every prompt. Where the samples depend on the greedy
    /// answer (<see cref="ProposeOptions.SampleBelow"/>), the greedy pass runs first and only the prompts whose greedy
    /// answer the model was less sure of are sampled; otherwise every round decodes together from one pass over each
    /// prompt. Attempts are added round by round, each in prompt order. Returns the prompts that were sampled.
    /// </summary>
    private static int Attempt(LoadedModel model, ProposeOptions options, string task, List<PosedPrompt> prompts, SeededRandom random, List<AttemptRecord> attempts, ComputeMeter meter)
    {
        var text = prompts.Select(p => p.Prompt).ToList();
        var samples = Enumerable.Repeat(options.Temperature, options.Samples).ToList();
        void Add(ScoredAnswer[][] answers, IReadOnlyList<int> which, int firstRound)
        {
            meter.AddRounds(model, which.Select(i => text[i]).ToList(), answers.Select(round => (IReadOnlyList<string>)round.Select(a => a.Text).ToList()).ToList());
            for (var round = 0; round < answers.Length; round++)
            for (var i = 0; i < which.Count; i++)
            {
                var sample = firstRound + round;
                attempts.Add(prompts[which[i]].Attempt(task, answers[round][i], sample, options.Greedy && sample == 0, model.Version.Reference));
            }
        }

        var all = Enumerable.Range(0, prompts.Count).ToList();
        if (!options.Greedy || options.Samples == 0 || options.SampleBelow >= 1)
        {
            Add(ModelAnswers.GenerateRounds(model, text, (options.Greedy ? new[] { 0.0 } : []).Concat(samples).ToList(), random, options.Batch), all, 0);
            return options.Samples > 0 ? prompts.Count : 0;
        }

        var greedy = ModelAnswers.GenerateRounds(model, text, [0.0], random, options.Batch);
        Add(greedy, all, 0);
        var unsure = all.Where(i => greedy[0][i].Probability < options.SampleBelow).ToList();
        if (unsure.Count > 0) Add(ModelAnswers.GenerateRounds(model, unsure.Select(i => text[i]).ToList(), samples, random, options.Batch), unsure, 1);
        return unsure.Count;
    }

    /// <summary>
    /// The rounds of attempts by the configured chat model <c>chat</c>: greedy first (temperature 0), then samples,
    /// each request with its own seed. Each attempt records the connection and the model the endpoint says answered.
    /// </summary>
    private async Task<ActivityOutcome?> AskChatAsync(ProposeOptions options, ITaskFamily task, List<PosedPrompt> prompts, int rounds,
        List<AttemptRecord> attempts, List<string> models, ActivityContext context, Stopwatch clock, CancellationToken cancellationToken)
    {
        if (task is not IChatForm form)
            return Failed("no-readable-form", $"the task {task.Name} declares no readable form, so a chat model cannot be asked its problems; propose with a local model instead");
        Microsoft.Extensions.AI.IChatClient client;
        string description;
        try
        {
            (client, description) = services.Chat.Connect(options.Chat);
        }
        catch (InvalidOperationException e)
        {
            return Failed("chat-unavailable", e.Message);
        }
        var asker = new ChatAttempts(client, description, form, options.Concurrency);
        var seed = context.Random.NextInt64(1, long.MaxValue / 4);
        var taskPrompts = prompts.Select(p => p.Prompt).ToList();
        for (var round = 0; round < rounds; round++)
        {
            var greedy = options.Greedy && round == 0;
            (string Answer, string Model)[] answers;
            try
            {
                answers = await asker.AnswerAsync(taskPrompts, greedy ? 0 : options.Temperature, seed + (long)round * prompts.Count, done =>
                {
                    if (done % 64 == 0 || done == prompts.Count)
                        context.Progress(new StepProgress("propose", round * prompts.Count + done, rounds * prompts.Count) { Detail = $"{prompts.Count} problems, chat {description}" });
                }, cancellationToken);
            }
            catch (ChatProposeException e)
            {
                return Failed("chat-failed", e.Message);
            }
            for (var i = 0; i < prompts.Count; i++)
                attempts.Add(prompts[i].Attempt(task.Name, new ScoredAnswer(answers[i].Answer, double.NaN), round, greedy, answers[i].Model) with { Confidence = null, Chat = options.Chat });
            foreach (var model in answers.Select(a => a.Model).Distinct().Where(m => !models.Contains(m))) models.Add(model);
        }
        context.Log($"{attempts.Count} attempts by chat {description} ({string.Join(", ", models)}) in {clock.Elapsed.TotalSeconds:0.0} s");
        return null;
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
