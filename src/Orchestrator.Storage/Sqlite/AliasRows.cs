using Microsoft.Data.Sqlite;
using Orchestrator.Core.Aliases;

namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// The SQL of the <c>aliases</c> and <c>alias_moves</c> tables, shared by definitions and models (told apart
/// by <c>kind</c>), and the mapping of journal rows to <see cref="AliasMove"/>.
/// </summary>
internal static class AliasRows
{
    public const string DefinitionKind = "definition";
    public const string ModelKind = "model";

    // Read() takes the columns by position, in this order. "by" is an SQL keyword, hence the quotes.
    private const string MoveColumns = "subject, alias, sequence, from_version, to_version, at, \"by\", reason, evidence";

    private const string OneAlias = "kind = $kind AND subject = $subject AND alias = $alias";

    public const string Holder = $"SELECT version FROM aliases WHERE {OneAlias}";

    public const string OfSubject = "SELECT alias, version FROM aliases WHERE kind = $kind AND subject = $subject ORDER BY alias";

    public const string Upsert =
        "INSERT INTO aliases (kind, subject, alias, version) VALUES ($kind, $subject, $alias, $version) " +
        "ON CONFLICT (kind, subject, alias) DO UPDATE SET version = excluded.version";

    // The next sequence is found through the primary key (its last entry), inside the caller's write
    // transaction, so concurrent moves get 1, 2, 3… with no gap and no duplicate.
    public const string Append =
        $"INSERT INTO alias_moves (kind, {MoveColumns}) VALUES ($kind, $subject, $alias, " +
        $"(SELECT COALESCE(MAX(sequence), 0) + 1 FROM alias_moves WHERE {OneAlias}), " +
        "$from_version, $to_version, $at, $by, $reason, $evidence) RETURNING sequence";

    public const string History = $"SELECT {MoveColumns} FROM alias_moves WHERE {OneAlias} ORDER BY sequence";

    public static void BindAlias(SqliteCommand command, string kind, string subject, string alias)
    {
        command.Parameters["$kind"].Value = kind;
        command.Parameters["$subject"].Value = subject;
        command.Parameters["$alias"].Value = alias;
    }

    public static AliasMove Read(SqliteDataReader row) => new()
    {
        Subject = row.GetString(0),
        Alias = row.GetString(1),
        Sequence = row.GetInt64(2),
        From = row.IsDBNull(3) ? null : row.GetInt32(3),
        To = row.GetInt32(4),
        At = SqliteValues.ParseTime(row.GetString(5)),
        By = row.GetString(6),
        Reason = row.GetString(7),
        Evidence = row.IsDBNull(8) ? null : SqliteValues.ParseObject(row.GetString(8), $"the evidence of move {row.GetInt64(2)} of alias '{row.GetString(1)}' of '{row.GetString(0)}'"),
    };
}
