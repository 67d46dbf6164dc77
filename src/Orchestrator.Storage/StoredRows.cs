using System.Data.Common;

namespace Orchestrator.Storage;

/// <summary>
/// What the schedule and dispatch tables share between the backends: plain ADO.NET parameters and readers, so one
/// piece of code binds and reads a row for SQLite and PostgreSQL alike. Only the SQL's parameter marks differ.
/// </summary>
internal static class StoredRows
{
    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public static string? Text(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    public static DateTimeOffset? Time(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : StoredValues.ParseTime(row.GetString(ordinal));
}

/// <summary>How a backend writes a parameter into SQL: <c>$name</c> in SQLite, <c>@name</c> in PostgreSQL, where a JSON column also needs a cast.</summary>
internal sealed record SqlDialect(char Prefix, string JsonCast)
{
    public static readonly SqlDialect Sqlite = new('$', "");
    public static readonly SqlDialect Postgres = new('@', "::json");

    public string P(string name) => Prefix + name;

    public string Json(string name) => Prefix + name + JsonCast;
}
