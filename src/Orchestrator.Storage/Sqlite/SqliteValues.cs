using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;

namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// The shared stored forms (<see cref="StoredValues"/>) as Microsoft.Data.Sqlite parameter values, where a
/// missing value is <see cref="DBNull"/>.
/// </summary>
internal static class SqliteValues
{
    public static string Time(DateTimeOffset time) => StoredValues.Time(time);

    public static object Time(DateTimeOffset? time) => time is { } t ? StoredValues.Time(t) : DBNull.Value;

    public static DateTimeOffset ParseTime(string text) => StoredValues.ParseTime(text);

    public static object Json(JsonNode? node) => node is null ? DBNull.Value : node.ToJsonString();

    public static JsonNode? ParseJson(string? text) => StoredValues.ParseJson(text);

    public static JsonObject ParseObject(string text, string what) => StoredValues.ParseObject(text, what);

    public static string Status(RunStatus status) => StoredValues.Status(status);

    public static RunStatus ParseRunStatus(string text) => StoredValues.ParseRunStatus(text);

    public static string Status(StepStatus status) => StoredValues.Status(status);

    public static StepStatus ParseStepStatus(string text) => StoredValues.ParseStepStatus(text);

    public static object Error(StepError? error) => (object?)StoredValues.Error(error) ?? DBNull.Value;

    public static StepError? ParseError(string? text) => StoredValues.ParseError(text);
}
