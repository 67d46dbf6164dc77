using Npgsql;

namespace Orchestrator.Storage.Postgres;

/// <summary>
/// Statements sent together in one round trip. Each still runs on its own, in order, and in PostgreSQL's default
/// isolation sees what was committed before it began: a statement after a lock sees the work of whoever held it.
/// </summary>
internal static class PostgresBatch
{
    public static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    public static NpgsqlBatchCommand Command(string sql, Action<NpgsqlParameterCollection> bind)
    {
        var command = new NpgsqlBatchCommand(sql);
        bind(command.Parameters);
        return command;
    }
}
