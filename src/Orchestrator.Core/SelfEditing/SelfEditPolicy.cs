using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Json.Patch;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.Validation;

namespace Orchestrator.Core.SelfEditing;

/// <summary>
/// Decides whether a self-edit (an RFC 6902 patch against a definition version) may go to trial: every operation
/// replaces the value of a declared tunable with a literal inside its bounds, touches nothing protected (declared,
/// or <see cref="AlwaysProtected"/>), and the patched document passes full validation. Every problem is reported, not
/// just the first, so an editor (or a person) learns all that is wrong at once.
/// </summary>
public sealed class SelfEditPolicy(Func<JsonObject, IReadOnlyList<ValidationIssue>> validate)
{
    /// <summary>Decides on an edit of a workflow version.</summary>
    public EditDecision Decide(WorkflowDefinition parent, JsonNode? patchJson) => Decide(EditableDocument.Of(parent), patchJson);

    /// <summary>No edit may set a loop's <c>times</c> or <c>max</c> above this, whatever its bounds say: a trial must end.</summary>
    public const int MostLoopIterations = 10_000;

    /// <summary>Decides on an edit of any editable document (a workflow or an evaluator version).</summary>
    public EditDecision Decide(EditableDocument parent, JsonNode? patchJson)
    {
        JsonPatch patch;
        try
        {
            patch = JsonPatch.Parse(patchJson);
        }
        catch (JsonPatchException e)
        {
            return EditDecision.Refused([new EditRejection("", $"not a valid JSON Patch: {e.Message}")]);
        }
        if (patch.Operations.Count == 0) return EditDecision.Refused([new EditRejection("", "the patch has no operations; nothing to try")]);

        var rejections = new List<EditRejection>();
        var guarded = parent.Protected.Select(p => (Pointer: p, Why: "declared protected")).Concat(parent.AlwaysProtected).ToList();
        for (var i = 0; i < patch.Operations.Count; i++)
            rejections.AddRange(CheckOperation(parent, patch.Operations[i], $"/{i}", guarded));
        if (rejections.Count > 0) return EditDecision.Refused(rejections);

        JsonNode? result;
        try
        {
            result = patch.Apply(parent.Document.DeepClone());
        }
        catch (JsonPatchException e)
        {
            return EditDecision.Refused([new EditRejection("", $"the patch does not apply to {parent.Reference}: {e.Message}")]);
        }
        if (result is not JsonObject patched) return EditDecision.Refused([new EditRejection("", "the patched result is not a definition document")]);
        var issues = validate(patched);
        if (issues.Count > 0)
            return EditDecision.Refused(issues.Select(issue => new EditRejection(issue.Path, $"the patched definition is invalid: {issue.Message}")).ToList());
        return new EditDecision(true, [], patched);
    }

    private static IEnumerable<EditRejection> CheckOperation(EditableDocument parent, JsonPatchOperation operation, string at, List<(string Pointer, string Why)> guarded)
    {
        var path = operation.Path;
        var protections = guarded.Where(g => JsonPointer.IsWithin(path, g.Pointer) || JsonPointer.IsWithin(g.Pointer, path)).ToList();
        foreach (var (pointer, why) in protections)
            yield return new EditRejection(at, $"'{path}' is protected: {why} ({pointer})");
        if (operation.Op == "test" || protections.Count > 0) yield break;
        if (operation.Op != "replace")
        {
            yield return new EditRejection(at, $"'{operation.Op}' is not allowed: a self-edit only replaces the value of a declared tunable");
            yield break;
        }
        var tunable = parent.Tunables.FirstOrDefault(t => t.Pointer == path);
        if (tunable is null)
        {
            var known = parent.Tunables.Count == 0 ? "this definition declares none" : "the tunables are " + string.Join(", ", parent.Tunables.Select(t => t.Pointer));
            yield return new EditRejection(at, $"'{path}' is not a declared tunable; {known}");
            yield break;
        }
        foreach (var problem in ValueProblems(tunable, operation.Value, parent.LoopBounds.Contains(path)))
            yield return new EditRejection(at, $"'{path}': {problem}");
    }

    private static IEnumerable<string> ValueProblems(TunableBounds tunable, JsonNode? value, bool isLoopBound)
    {
        if (value is JsonValue text && text.TryGetValue<string>(out var s) && s.Contains("${", StringComparison.Ordinal))
        {
            yield return "a self-edit sets literal values, not expressions";
            yield break;
        }
        if (tunable.Values is { } allowed)
        {
            var json = value?.ToJsonString() ?? "null";
            if (!allowed.Contains(json)) yield return $"{json} is not one of the allowed values {string.Join(", ", allowed)}";
            yield break;
        }
        if (value is not JsonValue number || number.GetValueKind() != System.Text.Json.JsonValueKind.Number
            || !double.TryParse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
        {
            yield return $"must be a number, not {Json.JsonTypes.Describe(value)}";
            yield break;
        }
        if (tunable.Min is { } min && x < min) yield return $"{x.ToString(CultureInfo.InvariantCulture)} is below the minimum {min.ToString(CultureInfo.InvariantCulture)}";
        if (tunable.Max is { } max && x > max) yield return $"{x.ToString(CultureInfo.InvariantCulture)} is above the maximum {max.ToString(CultureInfo.InvariantCulture)}";
        if (isLoopBound && x > MostLoopIterations) yield return $"a loop may run at most {MostLoopIterations:N0} times under a self-edit, not {x.ToString(CultureInfo.InvariantCulture)}";
    }
}
