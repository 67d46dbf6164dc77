using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Validation;

namespace Orchestrator.Cli.Hosting;

/// <summary>Evaluator files as the commands that publish them see them: recognised by their folder, checked in full, stored as <c>evaluators/ID</c>.</summary>
public static class EvaluatorDocuments
{
    /// <summary>True for a file in a folder named <c>evaluators</c>, where evaluators live.</summary>
    public static bool IsEvaluator(string path) =>
        string.Equals(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))), EvaluatorCatalog.FolderName, StringComparison.Ordinal);

    /// <summary>The store id, document and content hash of an evaluator file, or the issues that stop it from being published.</summary>
    public static (string? StoreId, JsonObject? Document, string? Hash, IReadOnlyList<ValidationIssue> Issues) Read(CliHost host, string path)
    {
        var (evaluator, issues, document) = EvaluatorReader.ReadFile(path, host.Loop.Evaluators.Filters);
        return evaluator is null ? (null, null, null, issues) : (EvaluatorCatalog.StoreId(evaluator.Id), document!.Root, DefinitionHash.Of(document.Root), []);
    }
}
