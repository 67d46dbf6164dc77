using Orchestrator.Core.Artifacts;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Registry;
using Orchestrator.Core.Tasks;

namespace Orchestrator.Core.Loop;

/// <summary>
/// What the improvement-loop activities work with besides their inputs: the task families, the evaluators,
/// and — once a command has opened a store — its artifacts, its model registry and a scratch folder for
/// resumable work. Activities are registered (and definitions validated) before any store is open, so the
/// store side is attached later; an activity that needs it before then fails with a clear message.
/// </summary>
public sealed class LoopServices(TaskRegistry tasks, EvaluatorCatalog evaluators)
{
    private IArtifactStore? _artifacts;
    private IModelRegistry? _models;
    private string? _scratch;

    public TaskRegistry Tasks { get; } = tasks;
    public EvaluatorCatalog Evaluators { get; } = evaluators;

    public IArtifactStore Artifacts => _artifacts ?? throw NotAttached();
    public IModelRegistry Models => _models ?? throw NotAttached();

    /// <summary>A folder for work in progress that must survive a crash (training checkpoints); not content-addressed.</summary>
    public string ScratchFolder => _scratch ?? throw NotAttached();

    public bool IsAttached => _artifacts is not null;

    /// <summary>Connects the loop to a store; with <paramref name="definitions"/>, evaluators published there are found too.</summary>
    public LoopServices Attach(IArtifactStore artifacts, IModelRegistry models, string scratchFolder, Versioning.IDefinitionStore? definitions = null)
    {
        (_artifacts, _models, _scratch) = (artifacts, models, scratchFolder);
        if (definitions is not null) Evaluators.Attach(definitions);
        return this;
    }

    /// <summary>The task named by a step, or a message listing the known ones.</summary>
    public ITaskFamily Task(string name) =>
        Tasks.TryGet(name, out var task) ? task : throw new KeyNotFoundException(UnknownTask(name));

    public string UnknownTask(string name) =>
        $"no task '{name}' is registered" + (Tasks.Names.Any() ? $"; known tasks: {string.Join(", ", Tasks.Names.Order(StringComparer.Ordinal))}" : " (no plugin provides tasks; check --plugins)");

    private static InvalidOperationException NotAttached() =>
        new("the improvement-loop activities need a store (artifacts and model registry), and none is attached in this process");
}
