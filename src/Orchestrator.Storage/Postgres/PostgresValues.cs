using System.Text.Json.Nodes;
using Npgsql;
using Orchestrator.Core.Engine;

namespace Orchestrator.Storage.Postgres;

/// <summary>The shared stored forms (<see cref="StoredValues"/>) as Npgsql parameter values, and typed reads of nullable columns.</summary>
internal static class PostgresValues
{
    public static string Time(DateTimeOffset time) => StoredValues.Time(time);

    public static string? Time(DateTimeOffset? time) => time is { } t ? StoredValues.Time(t) : null;

    public static DateTimeOffset ParseTime(string text) => StoredValues.ParseTime(text);

    public static string? Json(JsonNode? node) => node?.ToJsonString();

    public static JsonNode? ParseJson(string? text) => StoredValues.ParseJson(text);

    public static JsonObject ParseObject(string text, string what) => StoredValues.ParseObject(text, what);

    public static string? NullableString(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    public static int? NullableInt(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetInt32(ordinal);

    public static long? NullableLong(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetInt64(ordinal);

    public static DateTimeOffset Time(NpgsqlDataReader row, int ordinal) => ParseTime(row.GetString(ordinal));

    public static DateTimeOffset? NullableTime(NpgsqlDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : Time(row, ordinal);

    public static string Status(RunStatus status) => StoredValues.Status(status);

    public static RunStatus ParseRunStatus(string text) => StoredValues.ParseRunStatus(text);

    public static string Status(StepStatus status) => StoredValues.Status(status);

    public static StepStatus ParseStepStatus(string text) => StoredValues.ParseStepStatus(text);

    public static string? Error(StepError? error) => StoredValues.Error(error);

    public static StepError? ParseError(string? text) => StoredValues.ParseError(text);
}
