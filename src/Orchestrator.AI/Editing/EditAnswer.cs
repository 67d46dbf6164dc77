using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.AI.Editing;

/// <summary>
/// A model's answer read as a proposal: <c>{"patch": [...], "rationale": "..."}</c>, or why it cannot be one. An
/// endpoint without structured output tends to wrap the object in a code fence or a sentence, so the first
/// <c>{...}</c> in the text is tried as well; whatever patch it holds still goes through the self-edit policy.
/// </summary>
public sealed record EditAnswer(JsonArray? Patch, string Rationale, string? Failure)
{
    public static EditAnswer Parse(string? content)
    {
        var text = content?.Trim() ?? "";
        if (text.Length == 0) return Unusable("the answer is empty");
        if ((Json(text) ?? Embedded(text)) is not { } root)
            return Unusable($"the answer is not JSON (it begins \"{Start(text)}\"); expected {Expected}");
        if (root is not JsonObject answer) return Unusable($"the answer is JSON but not an object; expected {Expected}");
        if (answer["patch"] is not JsonArray patch) return Unusable($"the answer has no \"patch\" list of operations; expected {Expected}");
        var rationale = answer["rationale"] is JsonValue r && r.TryGetValue<string>(out var why) && why.Trim().Length > 0 ? why.Trim() : "(no rationale given)";
        return new EditAnswer((JsonArray)patch.DeepClone(), rationale, null);
    }

    public const string Expected = """{"patch": [{"op": "replace", "path": "...", "value": ...}], "rationale": "..."}""";

    private static EditAnswer Unusable(string failure) => new(null, "", failure);

    private static JsonNode? Json(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // From the first '{' to the last '}': a fenced block or an object inside a sentence.
    private static JsonNode? Embedded(string text)
    {
        var (start, end) = (text.IndexOf('{'), text.LastIndexOf('}'));
        return start >= 0 && end > start ? Json(text[start..(end + 1)]) : null;
    }

    private static string Start(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= 60 ? line : line[..60] + "…";
    }
}
