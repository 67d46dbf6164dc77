using Orchestrator.Cli.Hosting;
using Orchestrator.Core.Versioning;
using Orchestrator.Hangfire.Workers;

namespace Orchestrator.Cli.Distribution;

/// <summary>Resolves a schedule's workflow exactly as <c>run</c> resolves its argument (<see cref="WorkflowTarget"/>).</summary>
public sealed class CliWorkflowResolver(CliHost host, IDefinitionStore definitions) : IWorkflowResolver
{
    public async Task<ResolvedWorkflow> ResolveAsync(string target, CancellationToken cancellationToken)
    {
        var resolved = await WorkflowTarget.ResolveAsync(host, definitions, target, cancellationToken);
        return new ResolvedWorkflow(resolved.Definition, resolved.Catalog, resolved.Issues);
    }
}
