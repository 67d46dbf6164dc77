using Npgsql;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>Who holds a run's lease in a PostgreSQL test store, read from its row: the process id of the worker executing it.</summary>
public static class RunLease
{
    public static async Task<int?> HolderPidAsync(TestStore store, string runId)
    {
        await using var connection = new NpgsqlConnection(store.Location);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT lease_owner FROM runs WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", runId);
        return await command.ExecuteScalarAsync() is string owner && owner.Split(':') is [_, var pid, _] ? int.Parse(pid) : null;
    }
}
