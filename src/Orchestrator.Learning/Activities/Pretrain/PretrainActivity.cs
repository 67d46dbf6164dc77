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
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(PretrainOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
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
        var trainingOptions = options.ToTrainingOptions(seed, ModelVersions.TrainingCheckpointPath(services, context));
        var training = registered is null
            ? ResumableTraining.Open(services, context, trainingOptions, () => TrainingSession.Start(Config(options, tokenizer), trainingOptions, services.Device, tokenizer.Alphabet))
            : null;

        var replay = ReplaySample(task.Name, new TaskExampleSource(task, tokenizer, options.MinLength, options.MaxLength), options.ReplayItems, seed);
        var dataset = await JsonLinesArtifact.WriteAsync(services.Loop.Artifacts, replay, cancellationToken);
        if (registered is not null)
        {
            context.Log(options.Reuse.Length > 0 ? $"reusing {registered.Reference} as the base; not training" : $"{registered.Reference} was already registered by this step; not training again");
            return Done(Output(registered, dataset));
        }

        var outcome = TrainWithCurriculum(training!, data, task, tokenizer, options, context, cancellationToken);
        var model = training!.Session.Model;
        var parameters = model.parameters().Sum(p => p.numel());
        var metrics = new JsonObject { ["loss"] = outcome.LastLoss, ["tokensPerSecond"] = Math.Round(outcome.TokensPerSecond), ["parameters"] = parameters };
        var lineage = new ModelLineage { Seed = seed, DatasetHash = dataset, Compute = new ComputeSpent(outcome.Step, outcome.Tokens, outcome.Seconds) };
        var version = await ModelVersions.RegisterAsync(services, context, options.Model, model, tokenizer, outcome.Step, lineage, metrics,
            $"base model: {task.Name} lengths {options.MinLength}-{options.MaxLength}, {outcome.Step} steps", cancellationToken);
        training.Complete();
        context.Log($"registered {version.Reference}: loss {outcome.LastLoss:0.0000}, {outcome.TokensPerSecond:0} tokens/s");
        return Done(Output(version, dataset));
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

    /// <summary>Trains to the end; with a curriculum, in stages of <c>rampEvery</c> steps with a probe after each.</summary>
    private static Training.TrainingOutcome TrainWithCurriculum(
        ResumableTraining training, TaskExampleSource data, Core.Tasks.ITaskFamily task, CharTokenizer tokenizer, PretrainOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        if (options.RampFrom <= 0) return training.Train(data, context, cancellationToken);
        var curriculum = new LengthCurriculum(task, tokenizer, options.RampFrom, options.MaxLength, options.RampAccuracy, probeItems: 128);
        if (training.Resumed) curriculum.Restore(training.Session.Model);
        data.Longest = curriculum.Longest;
        Training.TrainingOutcome? total = null;
        while (training.Session.Step < options.Steps)
        {
            var stop = curriculum.IsComplete ? options.Steps : Math.Min(options.Steps, training.Session.Step + options.RampEvery);
            var stage = training.Train(data, context, cancellationToken, stop);
            total = total is null ? stage : stage with { FirstLoss = total.FirstLoss, Tokens = total.Tokens + stage.Tokens, Seconds = total.Seconds + stage.Seconds };
            if (!curriculum.IsComplete && curriculum.TryAdvance(training.Session.Model, out var accuracy))
            {
                data.Longest = curriculum.Longest;
                context.Log($"curriculum: length {curriculum.Longest - 1} at {accuracy:0.00} exact match after {training.Session.Step} steps; now lengths up to {curriculum.Longest}");
            }
        }
        return total!;
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

    private static PretrainOutput Output(ModelVersion version, string dataset) => new()
    {
        Model = version.Reference,
        Version = version.Version,
        Dataset = dataset,
        Steps = (int)version.Lineage.Compute.TrainingSteps,
        Tokens = version.Lineage.Compute.Tokens,
        Seconds = Math.Round(version.Lineage.Compute.Seconds, 1),
        Loss = version.Metrics["loss"]?.GetValue<double>() ?? double.NaN,
        Parameters = version.Metrics["parameters"]?.GetValue<long>() ?? 0,
    };
}
