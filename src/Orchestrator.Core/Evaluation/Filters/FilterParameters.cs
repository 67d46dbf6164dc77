using System.Text.Json.Nodes;
using Orchestrator.Core.Json;

namespace Orchestrator.Core.Evaluation.Filters;

/// <summary>Reads and checks filter parameters, so each filter states its bounds in one line.</summary>
internal static class FilterParameters
{
    public static double Number(JsonObject parameters, string name, double fallback) =>
        TryNumber(parameters[name], out var number) ? number : fallback;

    /// <summary>Reads any JSON number: the document readers keep whole numbers as integers, which a plain double read would miss.</summary>
    private static bool TryNumber(JsonNode? node, out double number)
    {
        number = 0;
        return node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && double.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out number);
    }

    public static IEnumerable<(string, string)> Unknown(JsonObject parameters, params string[] known) =>
        parameters.Where(p => !known.Contains(p.Key)).Select(p => (p.Key,
            known.Length == 0 ? "this filter takes no parameters" : $"unknown parameter; this filter takes: {string.Join(", ", known)}"));

    public static IEnumerable<(string, string)> InRange(JsonObject parameters, string name, double min, double max, bool integer = false)
    {
        if (!parameters.TryGetPropertyValue(name, out var node)) yield break;
        if (!TryNumber(node, out var number) || (integer && number != Math.Floor(number)))
            yield return (name, $"must be {(integer ? "a whole number" : "a number")}, not {JsonTypes.Describe(node)}");
        else if (number < min || number > max)
            yield return (name, $"must be between {min} and {max}, not {number}");
    }
}
