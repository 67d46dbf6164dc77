using Orchestrator.Core.Activities;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Core.Loop;
using Orchestrator.Core.SelfEditing.Editors;
using Orchestrator.Core.Versioning;

using Orchestrator.Core.Engine.Children;

namespace Orchestrator.Core.Meta;

/// <summary>
/// What the outer-loop activities work with: the loop's services (artifacts, registry), the activities (to validate
/// and run the workflows they edit), the editors, and — once a command opens a store — the run and definition stores.
/// </summary>
public sealed class MetaServices(LoopServices loop, ActivityRegistry activities, EditorRegistry editors)
{
    private IRunStore? _runs;
    private IDefinitionStore? _definitions;
    private IRunControlStore? _control;

    public LoopServices Loop { get; } = loop;
    public ActivityRegistry Activities { get; } = activities;
    public EditorRegistry Editors { get; } = editors;
    public IRunStore Runs => _runs ?? throw NotAttached();
    public IDefinitionStore Definitions => _definitions ?? throw NotAttached();

    private IChildRunLauncher? _childRuns;

    /// <summary>How trials execute their runs: one after another in this process unless a worker has said otherwise.</summary>
    public IChildRunLauncher ChildRuns => _childRuns ?? new InProcessChildRunLauncher(Runs, Activities, _control);

    /// <summary>Has trials queue their runs for every worker instead (set by a worker process).</summary>
    public MetaServices UseChildRuns(IChildRunLauncher launcher)
    {
        _childRuns = launcher;
        return this;
    }

    /// <param name="runs">Where trials record their runs.</param>
    /// <param name="definitions">Where the edited definitions are.</param>
    /// <param name="control">Where a trial's runs look for requests to cancel them; none, and they stop only with the run that started them.</param>
    public MetaServices Attach(IRunStore runs, IDefinitionStore definitions, IRunControlStore? control = null)
    {
        (_runs, _definitions, _control) = (runs, definitions, control);
        return this;
    }

    /// <summary>A stored version as a definition, with a catalog of the workflows it calls.</summary>
    public async Task<(WorkflowDefinition Definition, IDefinitionCatalog Catalog)?> LoadAsync(string id, int version, CancellationToken cancellationToken)
    {
        if (await Definitions.GetAsync(id, version, cancellationToken) is not { } stored) return null;
        var definition = StoredDefinitions.ToDefinition(stored);
        return (definition, await StoredDefinitions.CatalogForAsync(definition, Definitions, new InMemoryDefinitionCatalog(), cancellationToken));
    }

    /// <summary>The version <paramref name="version"/> names: itself, or the definition's <c>current</c> when 0.</summary>
    public async Task<int?> ResolveAsync(string id, int version, CancellationToken cancellationToken) =>
        version > 0 ? version : await Definitions.GetAliasAsync(id, IDefinitionStore.CurrentAlias, cancellationToken);

    private static InvalidOperationException NotAttached() =>
        new("the outer-loop activities need a store (runs and definitions), and none is attached in this process");
}
