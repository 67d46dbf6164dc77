using Microsoft.Data.Sqlite;
using Orchestrator.Core.Artifacts;

namespace Orchestrator.Storage.Sqlite;

/// <summary>Finds the artifact hashes mentioned in the stored runs and step journals.</summary>
internal static class RunArtifactReferences
{
    public static IReadOnlyDictionary<string, string> Read(SqliteConnection connection)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        // One read transaction: both tables are read from the same snapshot (WAL), while writers carry on.
        using var transaction = connection.BeginTransaction(deferred: true);
        // Inputs too: a run started from a checkpoint hash needs that checkpoint again when it resumes.
        Scan(transaction, "SELECT inputs, state, output, id FROM runs ORDER BY created_at, rowid", jsonColumns: 3,
            row => $"run {row.GetString(3)}", found);
        Scan(transaction, "SELECT output, state_changes, run_id, key FROM steps ORDER BY run_id, sequence", jsonColumns: 2,
            row => $"run {row.GetString(2)} step {row.GetString(3)}", found);
        transaction.Commit();
        return found;
    }

    // The first jsonColumns columns hold JSON text (or NULL); the rest name the referrer.
    private static void Scan(SqliteTransaction transaction, string sql, int jsonColumns, Func<SqliteDataReader, string> referrer, Dictionary<string, string> found)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            for (var column = 0; column < jsonColumns; column++)
            {
                if (reader.IsDBNull(column)) continue;
                foreach (var hash in ArtifactHash.FindIn(reader.GetString(column)))
                    found.TryAdd(hash, referrer(reader));
            }
    }
}
