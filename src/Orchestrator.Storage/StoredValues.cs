using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;

namespace Orchestrator.Storage;

/// <summary>
/// The stored forms both backends share, so a row reads the same whichever database wrote it: times as
/// fixed-width UTC ISO-8601 text (text order is time order, and ticks survive), JSON as text, enums as
/// lower-case names, a step error as a small JSON object.
/// </summary>
internal static class StoredValues
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        new(DateTime.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    public static JsonNode? ParseJson(string? text) => text is null ? null : JsonNode.Parse(text);

    public static JsonObject ParseObject(string text, string what) =>
        JsonNode.Parse(text) as JsonObject ?? throw new InvalidDataException($"{what} is stored as {text[..Math.Min(text.Length, 40)]}…, not a JSON object; the store is damaged");

    public static string Status(RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        RunStatus.Cancelled => "cancelled",
        // A queued run is stored as running with its queued flag set: the status column's CHECK predates it, and
        // SQLite changes a CHECK only by rebuilding the table (whose steps cascade on delete).
        RunStatus.Queued => "running",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown run status"),
    };

    /// <summary>The stored status column and queued flag read back as a status.</summary>
    public static RunStatus ParseRunStatus(string text, bool queued) => queued && text == "running" ? RunStatus.Queued : ParseRunStatus(text);

    public static RunStatus ParseRunStatus(string text) => text switch
    {
        "running" => RunStatus.Running,
        "succeeded" => RunStatus.Succeeded,
        "failed" => RunStatus.Failed,
        "cancelled" => RunStatus.Cancelled,
        _ => throw new InvalidDataException($"unknown run status '{text}' in the store"),
    };

    public static string Status(StepStatus status) => status switch
    {
        StepStatus.Running => "running",
        StepStatus.Succeeded => "succeeded",
        StepStatus.Failed => "failed",
        StepStatus.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown step status"),
    };

    public static StepStatus ParseStepStatus(string text) => text switch
    {
        "running" => StepStatus.Running,
        "succeeded" => StepStatus.Succeeded,
        "failed" => StepStatus.Failed,
        "skipped" => StepStatus.Skipped,
        _ => throw new InvalidDataException($"unknown step status '{text}' in the store"),
    };

    public static string? Error(StepError? error) => error is null
        ? null
        : new JsonObject
        {
            ["type"] = error.Type,
            ["message"] = error.Message,
            ["stepKey"] = error.StepKey,
            ["pointer"] = error.Pointer,
            ["attempt"] = error.Attempt,
        }.ToJsonString();

    public static StepError? ParseError(string? text)
    {
        if (text is null) return null;
        var json = ParseObject(text, "a step error");
        return new StepError(
            Field(json, "type").GetValue<string>(),
            Field(json, "message").GetValue<string>(),
            Field(json, "stepKey").GetValue<string>(),
            Field(json, "pointer").GetValue<string>(),
            Field(json, "attempt").GetValue<int>());
    }

    private static JsonNode Field(JsonObject json, string name) =>
        json[name] ?? throw new InvalidDataException($"a stored step error has no '{name}': {json.ToJsonString()}; the store is damaged");
}
