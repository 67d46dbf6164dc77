using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Evaluation;

/// <summary>
/// Finds evaluators by id in the <c>evaluators/</c> folder of each workflows folder
/// (<c>workflows/evaluators/verified.yaml</c> is the evaluator <c>verified</c>).
/// </summary>
public sealed class EvaluatorCatalog(IReadOnlyList<string> workflowFolders, AttemptFilterRegistry filters)
{
    /// <summary>The folder, inside each workflows folder, that evaluators live in.</summary>
    public const string FolderName = "evaluators";

    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public AttemptFilterRegistry Filters { get; } = filters;

    /// <summary>The evaluator, or the issues that stop it from being used (missing file, syntax, unknown filter…).</summary>
    public (EvaluatorDefinition? Evaluator, IReadOnlyList<ValidationIssue> Issues) Load(string id)
    {
        var candidates = workflowFolders.SelectMany(folder => Extensions.Select(ext => Path.Combine(folder, FolderName, id + ext))).ToList();
        if (candidates.FirstOrDefault(File.Exists) is not { } file)
        {
            var known = Known();
            var where = workflowFolders.Count == 0 ? "no workflows folder is configured" : $"looked in {string.Join(", ", workflowFolders.Select(f => Path.Combine(f, FolderName)))}";
            return (null, [new ValidationIssue(id, null, "", $"no evaluator '{id}' ({where})", NearestName.Hint(id, known, known.Count == 0 ? "add evaluators/" + id + ".yaml" : "known evaluators: " + string.Join(", ", known)))]);
        }
        ParsedDocument document;
        try
        {
            document = DocumentReader.ReadFile(file);
        }
        catch (DefinitionSyntaxException e)
        {
            return (null, [new ValidationIssue(e.File, e.Location, "", e.Reason, "fix the YAML syntax")]);
        }
        var (evaluator, issues) = EvaluatorReader.Read(document, Filters);
        if (evaluator is not null && evaluator.Id != id)
            return (null, [new ValidationIssue(file, document.SourceMap.Find("/id"), "/id", $"the file is named '{id}' but declares id '{evaluator.Id}'", "make the file name and the id agree")]);
        return (evaluator, issues);
    }

    /// <summary>Evaluator ids found in the folders.</summary>
    public IReadOnlyList<string> Known() =>
        workflowFolders.Select(f => Path.Combine(f, FolderName)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles).Where(f => Extensions.Contains(Path.GetExtension(f)))
            .Select(f => Path.GetFileNameWithoutExtension(f)).Distinct().Order(StringComparer.Ordinal).ToList();
}
