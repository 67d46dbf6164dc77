using Npgsql;
using NpgsqlTypes;

namespace Orchestrator.Storage.Postgres;

/// <summary>
/// Typed command parameters. The type is always given, so NULLs and JSON text bind as the column's type
/// instead of being guessed from the CLR value.
/// </summary>
internal static class PostgresParameters
{
    public static NpgsqlParameter Text(string name, string? value) => Make(name, NpgsqlDbType.Text, value);

    public static NpgsqlParameter TextArray(string name, string[] values) => Make(name, NpgsqlDbType.Array | NpgsqlDbType.Text, values);

    /// <summary>JSON already serialised: the column keeps the text exactly as given.</summary>
    public static NpgsqlParameter Json(string name, string? json) => Make(name, NpgsqlDbType.Json, json);

    public static NpgsqlParameter Int(string name, int? value) => Make(name, NpgsqlDbType.Integer, value);

    public static NpgsqlParameter Long(string name, long? value) => Make(name, NpgsqlDbType.Bigint, value);

    public static NpgsqlParameter Bool(string name, bool value) => Make(name, NpgsqlDbType.Boolean, value);

    public static NpgsqlParameter Bool(string name, bool? value) => Make(name, NpgsqlDbType.Boolean, value);
    public static NpgsqlParameter Double(string name, double value) => Make(name, NpgsqlDbType.Double, value);

    /// <summary>A time in the store's text form (see <see cref="PostgresValues.Time(DateTimeOffset)"/>).</summary>
    public static NpgsqlParameter Time(string name, DateTimeOffset? value) => Make(name, NpgsqlDbType.Text, PostgresValues.Time(value));

    private static NpgsqlParameter Make(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };
}
