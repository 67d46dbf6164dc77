using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Registry;
using Orchestrator.Learning.Checkpoints;
using Orchestrator.Learning.Model;
using Orchestrator.Learning.Tokenization;

namespace Orchestrator.Learning.Loop;

/// <summary>
/// Model versions as the learning activities use them: loaded from the registry through the verified artifact
/// store, and registered from trained weights exactly once per step (a step re-run after a crash finds the
/// version it registered before instead of registering a second one).
/// </summary>
public static class ModelVersions
{
    internal const string StepKeyMetric = "stepKey";

    /// <summary>The metric naming the task a version was trained on (carried from parent to candidate), so it can be served as a chat model.</summary>
    public const string TaskMetric = "task";

    /// <exception cref="KeyNotFoundException">No such model, version or alias.</exception>
    /// <exception cref="Core.Artifacts.ArtifactException">The checkpoint is missing or its hash does not match.</exception>
    /// <exception cref="CheckpointException">The checkpoint file is unusable.</exception>
    public static async Task<LoadedModel> LoadAsync(LearningServices services, string reference, CancellationToken cancellationToken)
    {
        var version = await ModelReference.ResolveAsync(services.Loop.Models, reference, cancellationToken);
        return await LoadAsync(services, version, cancellationToken);
    }

    /// <summary>Loads a version already resolved: its checkpoint through the verified artifact store.</summary>
    /// <exception cref="Core.Artifacts.ArtifactException">The checkpoint is missing or its hash does not match.</exception>
    /// <exception cref="CheckpointException">The checkpoint file is unusable.</exception>
    public static async Task<LoadedModel> LoadAsync(LearningServices services, ModelVersion version, CancellationToken cancellationToken)
    {
        var path = await services.Loop.Artifacts.GetVerifiedPathAsync(version.CheckpointHash, $"model {version.Reference}", cancellationToken);
        var checkpoint = CheckpointFile.Read(path);
        var model = checkpoint.CreateModel(path, services.Device);
        return new LoadedModel(version, model, new CharTokenizer(checkpoint.Header.Alphabet), checkpoint.Header.Step);
    }

    /// <summary>
    /// Like <see cref="LoadAsync(LearningServices, string, CancellationToken)"/>, but an unknown model or alias, a damaged artifact or an unusable checkpoint
    /// comes back as a message for the step's failure instead of an exception.
    /// </summary>
    public static async Task<(LoadedModel? Model, string? Problem)> TryLoadAsync(LearningServices services, string reference, CancellationToken cancellationToken)
    {
        try
        {
            return (await LoadAsync(services, reference, cancellationToken), null);
        }
        catch (Exception e) when (e is KeyNotFoundException or Core.Artifacts.ArtifactException or CheckpointException)
        {
            return (null, e.Message);
        }
    }

    /// <summary>The version this step registered in an earlier attempt, if any.</summary>
    public static async Task<ModelVersion?> FindRegisteredByAsync(IModelRegistry registry, string name, ActivityContext context, CancellationToken cancellationToken)
    {
        if (!(await registry.ListModelsAsync(cancellationToken)).Contains(name)) return null;
        return (await registry.ListVersionsAsync(name, cancellationToken)).LastOrDefault(v =>
            v.Lineage.RunId == context.RunId && v.Metrics[StepKeyMetric]?.GetValue<string>() == context.StepKey);
    }

    /// <summary>Saves the weights as a model-only checkpoint artifact and registers it as the next version of <paramref name="name"/>.</summary>
    public static async Task<ModelVersion> RegisterAsync(
        LearningServices services, ActivityContext context, string name, DecoderTransformer model, CharTokenizer tokenizer, int totalSteps,
        ModelLineage lineage, JsonObject metrics, string description, CancellationToken cancellationToken)
    {
        var file = Path.Combine(services.Loop.ScratchFolder, $"model-{Guid.NewGuid():N}.ckpt");
        try
        {
            CheckpointFile.SaveModel(file, model, tokenizer.Alphabet, totalSteps);
            string hash;
            await using (var stream = File.OpenRead(file))
                hash = await services.Loop.Artifacts.PutAsync(stream, cancellationToken);
            metrics[StepKeyMetric] = context.StepKey;
            return await services.Loop.Models.RegisterAsync(
                new RegisterModelRequest(name, hash, lineage with { RunId = context.RunId }, "run " + context.IdempotencyKey, metrics, description), cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The file a step's training checkpoints go to, stable across attempts so a re-run resumes from it.</summary>
    public static string TrainingCheckpointPath(LearningServices services, ActivityContext context) =>
        Path.Combine(services.Loop.ScratchFolder, "training", Sanitize(context.RunId), Sanitize(context.StepKey) + ".ckpt");

    private static string Sanitize(string text) => string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
