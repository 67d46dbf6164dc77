using System.Text.Json.Nodes;
using Orchestrator.Core.Validation;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Cli.Hosting;

/// <summary>
/// A definition file made ready to publish: checked in full as an evaluator (a file in an <c>evaluators</c> folder) or
/// as a workflow, and turned into the id, document and content hash the store keeps; or every issue found.
/// </summary>
public sealed record PublishDocuments(string? Id, JsonObject? Document, string? Hash, IReadOnlyList<ValidationIssue> Issues)
{
    public static async Task<PublishDocuments> PrepareAsync(CliHost host, IDefinitionStore store, string path, CancellationToken cancellationToken)
    {
        if (EvaluatorDocuments.IsEvaluator(path))
        {
            var (id, document, hash, issues) = EvaluatorDocuments.Read(host, path);
            return new PublishDocuments(id, document, hash, issues);
        }
        var target = await WorkflowTarget.ResolveAsync(host, store, path, cancellationToken);
        return target.Definition is { } definition
            ? new PublishDocuments(definition.Id, definition.Document, definition.ContentHash, [])
            : new PublishDocuments(null, null, null, target.Issues);
    }
}
