using System.Data.Common;
using System.Text.Json.Nodes;
using Orchestrator.Core.Engine.Dispatch;

namespace Orchestrator.Storage.Dispatch;

/// <summary>
/// Attempts dispatched to workers, in the store's database (SQLite or PostgreSQL): added once per key, finished
/// once (a single conditional UPDATE, so of two workers finishing the same attempt exactly one stores its outcome).
/// </summary>
public sealed class RelationalDispatchStore : IDispatchStore, IDisposable
{
    private const string Columns = "run_id, step_key, attempt, queue, invocation, outcome, finished_by, created_at, finished_at";

    private readonly StoreConnections _connections;
    private readonly SqlDialect _d;

    internal RelationalDispatchStore(StoreConnections connections, SqlDialect dialect) => (_connections, _d) = (connections, dialect);

    private string Key => $"run_id = {_d.P("run_id")} AND step_key = {_d.P("step_key")}";

    public Task<DispatchedAttempt> AddDispatchAsync(DispatchedAttempt attempt, CancellationToken cancellationToken) =>
        _connections.InTransactionAsync((connection, transaction) =>
        {
            using (var insert = StoreConnections.Command(connection, transaction,
                $"INSERT INTO dispatched_attempts ({Columns}) VALUES ({_d.P("run_id")}, {_d.P("step_key")}, {_d.P("attempt")}, {_d.P("queue")}, " +
                $"{_d.Json("invocation")}, NULL, NULL, {_d.P("created_at")}, NULL) ON CONFLICT (run_id, step_key, attempt) DO NOTHING"))
            {
                BindKey(insert, attempt.RunId, attempt.StepKey, attempt.Attempt);
                StoredRows.Add(insert, "queue", attempt.Queue);
                StoredRows.Add(insert, "invocation", attempt.Invocation.ToJsonString());
                StoredRows.Add(insert, "created_at", StoredValues.Time(attempt.CreatedAt));
                insert.ExecuteNonQuery();
            }
            return Find(connection, transaction, attempt.RunId, attempt.StepKey, attempt.Attempt)
                ?? throw new InvalidOperationException($"dispatched attempt {attempt.Attempt} of {attempt.StepKey} in run {attempt.RunId} vanished as it was added");
        }, cancellationToken);

    public Task<DispatchedAttempt?> FindDispatchAsync(string runId, string stepKey, int attempt, CancellationToken cancellationToken) =>
        _connections.InTransactionAsync((connection, transaction) => Find(connection, transaction, runId, stepKey, attempt), cancellationToken);

    public Task<IReadOnlyList<DispatchedAttempt>> ListDispatchesAsync(string runId, string stepKey, CancellationToken cancellationToken) =>
        _connections.InTransactionAsync<IReadOnlyList<DispatchedAttempt>>((connection, transaction) =>
        {
            using var list = StoreConnections.Command(connection, transaction, $"SELECT {Columns} FROM dispatched_attempts WHERE {Key} ORDER BY attempt");
            StoredRows.Add(list, "run_id", runId);
            StoredRows.Add(list, "step_key", stepKey);
            return ReadAll(list);
        }, cancellationToken);

    public Task<bool> FinishDispatchAsync(string runId, string stepKey, int attempt, JsonObject outcome, string finishedBy, DateTimeOffset now, CancellationToken cancellationToken) =>
        _connections.InTransactionAsync((connection, transaction) =>
        {
            using var finish = StoreConnections.Command(connection, transaction,
                $"UPDATE dispatched_attempts SET outcome = {_d.Json("outcome")}, finished_by = {_d.P("finished_by")}, finished_at = {_d.P("finished_at")} " +
                $"WHERE {Key} AND attempt = {_d.P("attempt")} AND outcome IS NULL");
            BindKey(finish, runId, stepKey, attempt);
            StoredRows.Add(finish, "outcome", outcome.ToJsonString());
            StoredRows.Add(finish, "finished_by", finishedBy);
            StoredRows.Add(finish, "finished_at", StoredValues.Time(now));
            return finish.ExecuteNonQuery() == 1;
        }, cancellationToken);

    public void Dispose() => _connections.Dispose();

    private DispatchedAttempt? Find(DbConnection connection, DbTransaction transaction, string runId, string stepKey, int attempt)
    {
        using var find = StoreConnections.Command(connection, transaction, $"SELECT {Columns} FROM dispatched_attempts WHERE {Key} AND attempt = {_d.P("attempt")}");
        BindKey(find, runId, stepKey, attempt);
        return ReadAll(find).FirstOrDefault();
    }

    private static void BindKey(DbCommand command, string runId, string stepKey, int attempt)
    {
        StoredRows.Add(command, "run_id", runId);
        StoredRows.Add(command, "step_key", stepKey);
        StoredRows.Add(command, "attempt", attempt);
    }

    private static List<DispatchedAttempt> ReadAll(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var attempts = new List<DispatchedAttempt>();
        while (reader.Read())
        {
            var what = $"dispatched attempt {reader.GetValue(2)} of {reader.GetString(1)} in run {reader.GetString(0)}";
            attempts.Add(new DispatchedAttempt
            {
                RunId = reader.GetString(0),
                StepKey = reader.GetString(1),
                Attempt = Convert.ToInt32(reader.GetValue(2)),
                Queue = reader.GetString(3),
                Invocation = StoredValues.ParseObject(reader.GetString(4), what),
                Outcome = StoredRows.Text(reader, 5) is { } outcome ? StoredValues.ParseObject(outcome, what + "'s outcome") : null,
                FinishedBy = StoredRows.Text(reader, 6),
                CreatedAt = StoredValues.ParseTime(reader.GetString(7)),
                FinishedAt = StoredRows.Time(reader, 8),
            });
        }
        return attempts;
    }
}
