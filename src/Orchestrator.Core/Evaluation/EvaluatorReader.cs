using System.Text.Json.Nodes;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Json;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.Validation;

namespace Orchestrator.Core.Evaluation;

/// <summary>
/// Reads an evaluator document and checks it completely — shape, known filters, each filter's parameters — so
/// a broken evaluator is reported with file, line and field before a run spends any compute.
/// </summary>
public static class EvaluatorReader
{
    public static (EvaluatorDefinition? Evaluator, IReadOnlyList<ValidationIssue> Issues) Read(ParsedDocument document, AttemptFilterRegistry filters)
    {
        var issues = new IssueList(document.File, document.SourceMap);
        var root = document.Root;
        foreach (var (key, _) in root)
            if (key is not ("id" or "version" or "description" or "filters" or "tunables" or "protected"))
                issues.Add("/" + key, $"unknown field '{key}' in an evaluator", "an evaluator has id, version, description, filters, and optionally tunables and protected");

        var id = root["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var idText) ? idText : null;
        if (string.IsNullOrWhiteSpace(id)) issues.Add("/id", "an evaluator needs an 'id'", "add e.g. 'id: verified'");
        var version = 1;
        if (root.TryGetPropertyValue("version", out var versionNode))
        {
            if (versionNode is JsonValue v && double.TryParse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= 1 && number == Math.Floor(number) && number <= int.MaxValue)
                version = (int)number;
            else
                issues.Add("/version", "'version' must be a whole number from 1", "write e.g. 'version: 2'");
        }
        var description = root["description"] is JsonValue d && d.TryGetValue<string>(out var text) ? text : "";

        var steps = new List<FilterStep>();
        if (root["filters"] is not JsonArray list)
            issues.Add(root.ContainsKey("filters") ? "/filters" : "", "an evaluator needs 'filters', a list (it may be empty, to keep everything)", "add e.g. 'filters: [ { uses: checked-correct } ]'");
        else
            for (var i = 0; i < list.Count; i++)
                if (ReadStep(list[i], $"/filters/{i}", filters, issues) is { } step) steps.Add(step);

        var tunables = Definitions.DefinitionBuilder.BuildTunables(root["tunables"], issues);
        var guarded = Definitions.DefinitionBuilder.BuildProtected(root["protected"], issues);
        foreach (var tunable in tunables.Where(t => !JsonPointer.TryResolve(root, t.Pointer, out _)))
            issues.Add(JsonPointer.Append("/tunables", tunable.Pointer), $"the tunable '{tunable.Pointer}' points at nothing in this evaluator", "fix the pointer (e.g. /filters/2/with/min) or remove it");

        if (issues.Any) return (null, issues.Items);
        return (new EvaluatorDefinition(document.File, id!, version, description, steps, CanonicalJson.Hash(root)) { Tunables = tunables, Protected = guarded }, []);
    }

    /// <summary>
    /// An evaluator file: syntax, content, and a file name that matches its id (<c>verified.yaml</c> declares
    /// <c>id: verified</c>, since ids are looked up by file name). The parsed document is returned for callers that store it.
    /// </summary>
    public static (EvaluatorDefinition? Evaluator, IReadOnlyList<ValidationIssue> Issues, ParsedDocument? Document) ReadFile(string file, AttemptFilterRegistry filters)
    {
        ParsedDocument document;
        try
        {
            document = DocumentReader.ReadFile(file);
        }
        catch (DefinitionSyntaxException e)
        {
            return (null, [new ValidationIssue(e.File, e.Location, "", e.Reason, e.Hint("fix the YAML syntax"))], null);
        }
        var (evaluator, issues) = Read(document, filters);
        var expected = Path.GetFileNameWithoutExtension(file);
        // Checked on the document, not the evaluator, so a misnamed file that is broken in other ways shows every problem at once.
        if (document.Root["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var id) && !string.IsNullOrWhiteSpace(id) && id != expected)
            return (null, [.. issues, new ValidationIssue(file, document.SourceMap.Find("/id"), "/id", $"the file is named '{expected}' but declares id '{id}'", "make the file name and the id agree")], document);
        return (evaluator, issues, document);
    }

    private static FilterStep? ReadStep(JsonNode? node, string path, AttemptFilterRegistry filters, IssueList issues)
    {
        if (node is not JsonObject step || step["uses"] is not JsonValue usesValue || !usesValue.TryGetValue<string>(out var uses))
        {
            issues.Add(path, "each filter is an object with 'uses' (the filter name) and optional 'with' (its parameters)", "write e.g. '- uses: majority'");
            return null;
        }
        foreach (var (key, _) in step)
            if (key is not ("uses" or "with")) issues.Add($"{path}/{key}", $"unknown field '{key}' in a filter", "a filter has 'uses' and 'with'");
        var parameters = step["with"] as JsonObject ?? new JsonObject();
        if (step.ContainsKey("with") && step["with"] is not JsonObject) issues.Add($"{path}/with", "'with' must be a mapping of parameters");
        if (!filters.TryGet(uses, out var filter))
        {
            var known = filters.All.Select(f => f.Name).ToList();
            issues.Add($"{path}/uses", $"unknown filter '{uses}'", NearestName.Hint(uses, known, "known filters: " + string.Join(", ", known)));
            return null;
        }
        foreach (var (parameter, message) in filter.CheckParameters(parameters))
            issues.Add($"{path}/with/{parameter}", $"{uses}: '{parameter}' {message}");
        return new FilterStep(uses, (JsonObject)parameters.DeepClone());
    }
}
