using System.Data.Common;
using Orchestrator.Core.Engine.Control;

namespace Orchestrator.Storage.Control;

/// <summary>
/// Runs' latest progress and pending cancel requests in the store's database, SQLite or PostgreSQL: a report is one
/// upsert, a request one insert that keeps the first. Made by <see cref="StoreFactory"/>.
/// </summary>
public sealed class RelationalRunControlStore : IRunControlStore, IDisposable
{
    private const string ProgressColumns = "run_id, step_key, progress, at";
    private const string RequestColumns = "run_id, \"by\", reason, at";

    // Far below SQLite's and PostgreSQL's limits on parameters in one statement; a page of the runs list needs one query.
    private const int RunsPerQuery = 500;

    private readonly StoreConnections _connections;
    private readonly SqlDialect _d;

    internal RelationalRunControlStore(StoreConnections connections, SqlDialect dialect) => (_connections, _d) = (connections, dialect);

    public Task ReportProgressAsync(RunProgress progress, CancellationToken cancellationToken)
    {
        StoreArguments.Text(progress.RunId, nameof(progress.RunId));
        StoreArguments.Text(progress.StepKey, nameof(progress.StepKey));
        var json = StoredProgress.Json(progress.Progress);
        return _connections.InTransactionAsync((connection, transaction) =>
        {
            using var upsert = StoreConnections.Command(connection, transaction,
                $"INSERT INTO run_progress ({ProgressColumns}) VALUES ({_d.P("run_id")}, {_d.P("step_key")}, {_d.Json("progress")}, {_d.P("at")}) " +
                "ON CONFLICT (run_id) DO UPDATE SET step_key = excluded.step_key, progress = excluded.progress, at = excluded.at");
            StoredRows.Add(upsert, "run_id", progress.RunId);
            StoredRows.Add(upsert, "step_key", progress.StepKey);
            StoredRows.Add(upsert, "progress", json);
            StoredRows.Add(upsert, "at", StoredValues.Time(progress.At));
            return upsert.ExecuteNonQuery();
        }, cancellationToken);
    }

    public async Task<RunProgress?> GetProgressAsync(string runId, CancellationToken cancellationToken) =>
        (await GetProgressAsync([runId], cancellationToken)).GetValueOrDefault(runId);

    public async Task<IReadOnlyDictionary<string, RunProgress>> GetProgressAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, RunProgress>(StringComparer.Ordinal);
        foreach (var chunk in runIds.Distinct(StringComparer.Ordinal).Chunk(RunsPerQuery))
        {
            var rows = await _connections.InTransactionAsync((connection, transaction) =>
            {
                var marks = string.Join(", ", chunk.Select((_, i) => _d.P("id" + i)));
                using var select = StoreConnections.Command(connection, transaction,
                    $"SELECT {ProgressColumns} FROM run_progress WHERE run_id IN ({marks})");
                for (var i = 0; i < chunk.Length; i++) StoredRows.Add(select, "id" + i, chunk[i]);
                return ReadProgress(select);
            }, cancellationToken);
            foreach (var row in rows) found[row.RunId] = row;
        }
        return found;
    }

    public Task RequestCancelAsync(CancelRequest request, CancellationToken cancellationToken)
    {
        StoreArguments.Text(request.RunId, nameof(request.RunId));
        StoreArguments.Text(request.By, nameof(request.By));
        return _connections.InTransactionAsync((connection, transaction) =>
        {
            using var insert = StoreConnections.Command(connection, transaction,
                $"INSERT INTO run_cancel_requests ({RequestColumns}) VALUES ({_d.P("run_id")}, {_d.P("by")}, {_d.P("reason")}, {_d.P("at")}) ON CONFLICT (run_id) DO NOTHING");
            StoredRows.Add(insert, "run_id", request.RunId);
            StoredRows.Add(insert, "by", request.By);
            StoredRows.Add(insert, "reason", request.Reason);
            StoredRows.Add(insert, "at", StoredValues.Time(request.At));
            return insert.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<CancelRequest?> FindCancelRequestAsync(string runId, CancellationToken cancellationToken) =>
        _connections.InTransactionAsync((connection, transaction) =>
        {
            using var find = StoreConnections.Command(connection, transaction, $"SELECT {RequestColumns} FROM run_cancel_requests WHERE run_id = {_d.P("run_id")}");
            StoredRows.Add(find, "run_id", runId);
            using var reader = find.ExecuteReader();
            return reader.Read()
                ? new CancelRequest(reader.GetString(0), reader.GetString(1), reader.GetString(2), StoredValues.ParseTime(reader.GetString(3)))
                : null;
        }, cancellationToken);

    public Task ClearCancelRequestAsync(string runId, CancellationToken cancellationToken) =>
        _connections.InTransactionAsync((connection, transaction) =>
        {
            using var delete = StoreConnections.Command(connection, transaction, $"DELETE FROM run_cancel_requests WHERE run_id = {_d.P("run_id")}");
            StoredRows.Add(delete, "run_id", runId);
            return delete.ExecuteNonQuery();
        }, cancellationToken);

    public void Dispose() => _connections.Dispose();

    private static List<RunProgress> ReadProgress(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<RunProgress>();
        while (reader.Read())
        {
            var runId = reader.GetString(0);
            rows.Add(new RunProgress(runId, reader.GetString(1), StoredProgress.Parse(reader.GetString(2), runId), StoredValues.ParseTime(reader.GetString(3))));
        }
        return rows;
    }
}
