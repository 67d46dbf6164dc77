using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;

namespace Orchestrator.Storage.Control;

/// <summary>
/// A step's progress as the JSON text of the <c>progress</c> column, read the same by both backends. A figure that is not
/// a finite number (a loss gone NaN) is kept as its name, since JSON has no NaN and a diverging loss is worth seeing.
/// </summary>
internal static class StoredProgress
{
    public static string Json(StepProgress progress)
    {
        var json = new JsonObject
        {
            ["phase"] = progress.Phase,
            ["done"] = progress.Done,
            ["total"] = progress.Total,
        };
        if (progress.Loss is { } loss) json["loss"] = Number(loss);
        if (progress.TokensPerSecond is { } speed) json["tokensPerSecond"] = Number(speed);
        if (progress.Remaining is { } remaining) json["remaining"] = remaining.ToString("c", CultureInfo.InvariantCulture);
        if (progress.Detail is { } detail) json["detail"] = detail;
        return json.ToJsonString();
    }

    public static StepProgress Parse(string text, string runId)
    {
        var what = $"the stored progress of run {runId}";
        var json = StoredValues.ParseObject(text, what);
        try
        {
            return new StepProgress(Required(json, "phase", what).GetValue<string>(), Required(json, "done", what).GetValue<long>(), Required(json, "total", what).GetValue<long>())
            {
                Loss = ParseNumber(json["loss"]),
                TokensPerSecond = ParseNumber(json["tokensPerSecond"]),
                Remaining = json["remaining"] is { } remaining ? TimeSpan.ParseExact(remaining.GetValue<string>(), "c", CultureInfo.InvariantCulture) : null,
                Detail = json["detail"]?.GetValue<string>(),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"{what} is not a progress report ({e.Message}): {text[..Math.Min(text.Length, 200)]}; the store is damaged", e);
        }
    }

    private static JsonNode Number(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));

    private static double? ParseNumber(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var name) => double.Parse(name, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => node.GetValue<double>(),
    };

    private static JsonNode Required(JsonObject json, string name, string what) =>
        json[name] ?? throw new InvalidDataException($"{what} has no '{name}': {json.ToJsonString()}; the store is damaged");
}
