using Orchestrator.Core.Activities;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Plugins;
using Orchestrator.Plugins.Sample.Append;
using Orchestrator.Plugins.Sample.Flaky;
using Orchestrator.Plugins.Sample.MaxLength;
using Orchestrator.Plugins.Sample.Square;

namespace Orchestrator.Plugins.Sample;

/// <summary>The plugin's entry point: the host finds this class and calls <see cref="Register"/>.</summary>
public sealed class SamplePlugin : IOrchestratorPlugin
{
    public string Name => "sample";

    public void Register(ActivityRegistry activities) => activities.AddSquare().AddFlaky().AddAppend();

    /// <summary>Evaluator filters are registered the same way, and then usable in any evaluator document.</summary>
    public void RegisterFilters(AttemptFilterRegistry filters) => filters.Add(new MaxLengthFilter());
}
