using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.Validation;

namespace Orchestrator.Cli.Hosting;

/// <summary>Evaluator files as the commands that publish them see them: recognised by their folder, checked in full, stored as <c>evaluators/ID</c>.</summary>
public static class EvaluatorDocuments
{
    /// <summary>True for a file in a folder named <c>evaluators</c>, where evaluators live.</summary>
    public static bool IsEvaluator(string path) =>
        string.Equals(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))), EvaluatorCatalog.FolderName, StringComparison.Ordinal);

    /// <summary>
    /// True for a file to check as an evaluator: one in an <c>evaluators</c> folder, or, wherever it is, a document
    /// with <c>filters</c> and no <c>steps</c> (a workflow always has steps, an evaluator never). A file that cannot
    /// be read is not one here: checked as a workflow, its syntax error or absence is reported all the same.
    /// </summary>
    public static bool IsEvaluatorFile(string path)
    {
        // An id (validate takes those too) names a workflow, even when typed inside an evaluators folder.
        if (!WorkflowTarget.IsFile(path)) return false;
        if (IsEvaluator(path)) return true;
        try
        {
            var root = DocumentReader.ReadFile(path).Root;
            return root.ContainsKey("filters") && !root.ContainsKey("steps");
        }
        catch (DefinitionSyntaxException)
        {
            return false;
        }
    }

    /// <summary>The evaluator in a file, checked completely (shape, filters, parameters, file name against id), or every issue found.</summary>
    public static (EvaluatorDefinition? Evaluator, IReadOnlyList<ValidationIssue> Issues) Check(CliHost host, string path)
    {
        var (evaluator, issues, _) = EvaluatorReader.ReadFile(path, host.Loop.Evaluators.Filters);
        return (evaluator, issues);
    }

    /// <summary>The store id, document and content hash of an evaluator file, or the issues that stop it from being published.</summary>
    public static (string? StoreId, JsonObject? Document, string? Hash, IReadOnlyList<ValidationIssue> Issues) Read(CliHost host, string path)
    {
        var (evaluator, issues, document) = EvaluatorReader.ReadFile(path, host.Loop.Evaluators.Filters);
        return evaluator is null ? (null, null, null, issues) : (EvaluatorCatalog.StoreId(evaluator.Id), document!.Root, DefinitionHash.Of(document.Root), []);
    }
}
