using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Core.Registry;
using Orchestrator.Learning.Loop;
using Orchestrator.Learning.Model;
using Orchestrator.Learning.Randomness;
using Orchestrator.Learning.Tokenization;
using Orchestrator.Learning.Training;

namespace Orchestrator.Learning.Activities.Pretrain;

/// <summary>
/// <c>learning/pretrain</c>: round 0. Trains a fresh transformer on a task's generated, supervised items at short
/// lengths and registers it as the first version of a model, together with a sample of its data that later
/// rounds replay. The only step of the loop that sees the task's answers as training labels.
/// </summary>
public sealed class PretrainActivity(LearningServices services)
    : Activity<PretrainOptions, PretrainOutput>("learning/pretrain", "Trains a base model from scratch on supervised items of a task (round 0) and registers it.", new PretrainOptionsValidator(services.Loop))
{
    /// <summary>The model metric that keeps round 0's abandoned attempts, so a redelivered step reports them too.</summary>
    private const string RestartsMetric = "restarts";

    /// <summary>Items of the extension check: enough that a model answering 1% one digit longer is rarely read as 0.</summary>
    private const int BeyondProbeItems = 512;

    private static readonly JsonSerializerOptions MetricJson = new(JsonSerializerDefaults.Web);

    protected override async ValueTask<ActivityOutcome> ExecuteAsync(PretrainOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var meter = new ComputeMeter();
        var task = services.Loop.Task(options.Task);
        var tokenizer = new CharTokenizer(task.Alphabet);
        var seed = context.Random.NextInt64(1, long.MaxValue);
        var data = new TaskExampleSource(task, tokenizer, options.MinLength, options.MaxLength);

        // A reused base stands in for training: same outputs, the reused version's lineage and compute.
        var registered = await ModelVersions.FindRegisteredByAsync(services.Loop.Models, options.Model, context, cancellationToken);
        if (registered is null && options.Reuse.Length > 0)
        {
            var (reused, problem) = await ReusedBaseAsync(options, context, cancellationToken);
            if (reused is null) return Failed("model-unavailable", problem!);
            registered = reused;
        }
        var replay = ReplaySample(task.Name, new TaskExampleSource(task, tokenizer, options.MinLength, options.MaxLength), options.ReplayItems, seed);
        var dataset = await JsonLinesArtifact.WriteAsync(services.Loop.Artifacts, replay, cancellationToken);
        if (registered is not null)
        {
            context.Log(options.Reuse.Length > 0 ? $"reusing {registered.Reference} as the base; not training" : $"{registered.Reference} was already registered by this step; not training again");
            return Done(Output(registered, dataset, meter));
        }

        var restarts = StallRestarts.Open(ModelVersions.TrainingCheckpointPath(services, context));
        var (training, outcome) = TrainUntilLearned(restarts, seed, data, task, tokenizer, options, context, cancellationToken);
        var model = training.Session.Model;
        var parameters = model.parameters().Sum(p => p.numel());
        var abandoned = restarts.Abandoned;
        var metrics = new JsonObject
        {
            ["loss"] = outcome.LastLoss,
            ["tokensPerSecond"] = Math.Round(outcome.TokensPerSecond),
            ["parameters"] = parameters,
            [ModelVersions.TaskMetric] = task.Name,
            [RestartsMetric] = JsonSerializer.SerializeToNode(abandoned, MetricJson),
        };
        var spent = training.Spent(outcome);
        var compute = new ComputeSpent(spent.TrainingSteps + abandoned.Sum(a => a.Steps), spent.Tokens + abandoned.Sum(a => a.Tokens), spent.Seconds + abandoned.Sum(a => a.Seconds));
        var lineage = new ModelLineage { Seed = restarts.SeedOf(seed), DatasetHash = dataset, Compute = compute };
        var version = await ModelVersions.RegisterAsync(services, context, options.Model, model, tokenizer, outcome.Step, lineage, metrics,
            $"base model: {task.Name} lengths {options.MinLength}-{options.MaxLength}, {outcome.Step} steps{(abandoned.Count > 0 ? $" after {abandoned.Count} restart(s)" : "")}", cancellationToken);
        training.Complete();
        restarts.Complete();
        context.Log($"registered {version.Reference}: loss {outcome.LastLoss:0.0000}, {outcome.TokensPerSecond:0} tokens/s");
        return Done(Output(version, dataset, meter));
    }

    /// <summary>
    /// The base named by <c>reuse</c>: a version of this model (<c>3</c>), or of another (<c>addition@3</c>), which is then
    /// registered under this model's name with the same checkpoint (content-addressed, so no bytes are copied) and its
    /// lineage — how trials of several procedures start from the same champion.
    /// </summary>
    private async Task<(ModelVersion? Version, string? Problem)> ReusedBaseAsync(PretrainOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var at = options.Reuse.LastIndexOf('@');
        var (name, number) = at > 0 ? (options.Reuse[..at], options.Reuse[(at + 1)..]) : (options.Model, options.Reuse);
        if (!int.TryParse(number, out var version) || version < 1)
            return (null, $"reuse: '{options.Reuse}' is neither a version number nor NAME@VERSION");
        if (await services.Loop.Models.GetAsync(name, version, cancellationToken) is not { } source)
            return (null, $"reuse: there is no {name}@{version} in this store's registry; train a base (reuse: \"\") or name an existing version");
        if (name == options.Model) return (source, null);
        var metrics = (JsonObject)source.Metrics.DeepClone();
        metrics[ModelVersions.StepKeyMetric] = context.StepKey;
        metrics["reusedFrom"] = source.Reference;
        var copy = await services.Loop.Models.RegisterAsync(new RegisterModelRequest(options.Model, source.CheckpointHash,
            source.Lineage with { ParentVersion = null, RunId = context.RunId }, "run " + context.IdempotencyKey, metrics, $"base reused from {source.Reference}"), cancellationToken);
        return (copy, null);
    }

    /// <summary>
    /// Trains attempts until one learns its first lengths by <c>restartAfter</c> steps (or restarts run out), then trains
    /// that one to the end. A small model without positional encoding either "clicks" on its first lengths early or
    /// stalls near chance for thousands of steps, depending on its initialisation; a fresh one costs less than waiting.
    /// </summary>
    private (ResumableTraining Training, Training.TrainingOutcome Outcome) TrainUntilLearned(StallRestarts restarts, long seed,
        TaskExampleSource data, Core.Tasks.ITaskFamily task, CharTokenizer tokenizer, PretrainOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        while (true)
        {
            var trainingOptions = options.ToTrainingOptions(restarts.SeedOf(seed), restarts.CheckpointPath);
            var training = ResumableTraining.Open(services, context, trainingOptions, () => TrainingSession.Start(Config(options, tokenizer), trainingOptions, services.Device, tokenizer.Alphabet));
            var probeAt = options.RestartAfter > 0 && restarts.Abandoned.Count < options.Restarts ? options.RestartAfter : 0;
            var (outcome, stall) = TrainWithCurriculum(training, data, task, tokenizer, options, probeAt, context, cancellationToken);
            if (stall is null) return (training, outcome!);
            var spent = outcome is null ? training.Earlier : training.Spent(outcome);
            var attempt = stall with { Seed = trainingOptions.Seed, Tokens = spent.Tokens, Seconds = Math.Round(spent.Seconds, 1) };
            training.Session.Dispose();
            restarts.Abandon(attempt);
            context.Log($"restart {restarts.Abandoned.Count}: length {attempt.Length} at {attempt.Accuracy:0.00} exact match after {attempt.Steps} steps{(attempt.Beyond is { } b ? $", length {attempt.Length + 1} at {b:0.000}" : "")} (needed {options.RestartBelow:0.00}{(attempt.Beyond is not null ? $" and {options.RestartBeyond:0.###}" : "")}); starting again from a fresh initialisation (seed {restarts.SeedOf(seed)})");
        }
    }

    /// <summary>
    /// Trains to the end; with a curriculum, in stages of <c>rampEvery</c> steps with a probe after each. With
    /// <paramref name="probeAt"/> set, stops there instead if the first length is not learned, returning the stall.
    /// </summary>
    private static (Training.TrainingOutcome? Outcome, PretrainRestart? Stall) TrainWithCurriculum(ResumableTraining training, TaskExampleSource data,
        Core.Tasks.ITaskFamily task, CharTokenizer tokenizer, PretrainOptions options, int probeAt, ActivityContext context, CancellationToken cancellationToken)
    {
        var curriculum = new LengthCurriculum(task, tokenizer, options.RampFrom > 0 ? options.RampFrom : options.MaxLength, options.MaxLength, options.RampAccuracy, probeItems: 128);
        var first = curriculum.Longest;
        if (training.Resumed) curriculum.Restore(training.Session.Model);
        data.Longest = curriculum.Longest;
        Training.TrainingOutcome? total = null;
        while (training.Session.Step < options.Steps)
        {
            // Checked at the top, so an attempt resumed exactly at the probe is probed too; one resumed past it had passed.
            if (probeAt > 0 && training.Session.Step == probeAt)
            {
                var learned = curriculum.AccuracyAt(training.Session.Model, first);
                if (learned < options.RestartBelow) return (total, new PretrainRestart(0, probeAt, first, learned, null, 0, 0));
                context.Log($"stall check: length {first} at {learned:0.00} exact match after {probeAt} steps; training on");
            }
            var stop = curriculum.IsComplete ? options.Steps : Math.Min(options.Steps, training.Session.Step + options.RampEvery);
            if (probeAt > training.Session.Step) stop = Math.Min(stop, probeAt);
            var stage = training.Train(data, context, cancellationToken, stop);
            total = total is null ? stage : stage with { FirstLoss = total.FirstLoss, Tokens = total.Tokens + stage.Tokens, Seconds = total.Seconds + stage.Seconds };
            if (!curriculum.IsComplete && curriculum.TryAdvance(training.Session.Model, out var accuracy))
            {
                data.Longest = curriculum.Longest;
                context.Log($"curriculum: length {curriculum.Longest - 1} at {accuracy:0.00} exact match after {training.Session.Step} steps; now lengths up to {curriculum.Longest}");
            }
        }
        // A model that fits its lengths but gets no sum one digit longer right gives the rounds nothing to keep, however
        // well it fits; only the trained model can tell (at the stall check, good and stuck ones alike get none right).
        // Checked again on a redelivery at the last step, with the same weights and items, so the decision repeats.
        if (probeAt > 0 && options.RestartBeyond > 0)
        {
            var beyond = curriculum.AccuracyAt(training.Session.Model, first + 1, BeyondProbeItems);
            var learned = curriculum.AccuracyAt(training.Session.Model, first);
            if (beyond < options.RestartBeyond) return (total, new PretrainRestart(0, options.Steps, first, learned, beyond, 0, 0));
            context.Log($"extension check: length {first + 1} at {beyond:0.000} exact match after {options.Steps} steps; keeping this attempt");
        }
        return (total!, null);
    }

    private static TransformerConfig Config(PretrainOptions options, CharTokenizer tokenizer) => new(
        tokenizer.VocabularySize, options.Layers, options.Width, options.Heads, options.Width * 4,
        Enum.Parse<PositionalEncoding>(options.Positions, ignoreCase: true));

    /// <summary>A fixed sample of the supervised distribution (its own seed space), for replay in later rounds.</summary>
    private static List<TrainingRecord> ReplaySample(string task, TaskExampleSource data, int count, long seed)
    {
        var random = new SeededRandom(seed ^ 0x5EED_0F_2E91A7);
        var items = Enumerable.Range(0, count).Select(_ => data.NextItem(random)).DistinctBy(i => i.Prompt).ToList();
        return items.Select(i => new TrainingRecord(task, i.Prompt, i.Answer, i.Length, false, 1.0 / items.Count)).ToList();
    }

    /// <summary>
    /// The step's output. Its compute is that of every token behind the base (abandoned attempts included; for a reused
    /// base, the training that made it), so a redelivered or reusing step reports the same; the curriculum's and the
    /// restarts' probes pass far fewer tokens forward and are not counted. Its CPU time is this delivery's.
    /// </summary>
    private static PretrainOutput Output(ModelVersion version, string dataset, ComputeMeter meter)
    {
        var parameters = version.Metrics["parameters"]?.GetValue<long>() ?? 0;
        meter.AddTraining(parameters, version.Lineage.Compute.Tokens);
        return new PretrainOutput
        {
            Model = version.Reference,
            Version = version.Version,
            Dataset = dataset,
            Steps = (int)version.Lineage.Compute.TrainingSteps,
            Tokens = version.Lineage.Compute.Tokens,
            Seconds = Math.Round(version.Lineage.Compute.Seconds, 1),
            Loss = version.Metrics["loss"]?.GetValue<double>() ?? double.NaN,
            Parameters = parameters,
            Restarts = version.Metrics[RestartsMetric]?.Deserialize<List<PretrainRestart>>(MetricJson) ?? [],
            Gflop = meter.Gflop,
            CpuSeconds = meter.CpuSeconds,
        };
    }
}
