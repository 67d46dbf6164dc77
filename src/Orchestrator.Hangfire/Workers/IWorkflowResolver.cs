using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Validation;

namespace Orchestrator.Hangfire.Workers;

/// <summary>
/// Finds and fully validates a workflow by what an operator names (<c>ID</c> or <c>ID@V</c>), as <c>run</c> does:
/// the store's versions first, then the workflows folders. A schedule resolves its workflow at every fire.
/// </summary>
public interface IWorkflowResolver
{
    Task<ResolvedWorkflow> ResolveAsync(string target, CancellationToken cancellationToken);
}

/// <summary>A validated definition with the catalog its calls resolve in, or the issues that stop it.</summary>
public sealed record ResolvedWorkflow(WorkflowDefinition? Definition, IDefinitionCatalog Catalog, IReadOnlyList<ValidationIssue> Issues);
