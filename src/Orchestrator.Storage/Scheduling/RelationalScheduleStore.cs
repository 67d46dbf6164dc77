using System.Data.Common;
using Orchestrator.Core.Scheduling;

namespace Orchestrator.Storage.Scheduling;

/// <summary>
/// Schedules and their journal in the store's database, SQLite or PostgreSQL: every change and its journal entry
/// commit in one transaction. Made by <see cref="StoreFactory"/>.
/// </summary>
public sealed class RelationalScheduleStore : IScheduleStore, IDisposable
{
    private readonly StoreConnections _connections;
    private readonly SqlDialect _dialect;
    private readonly TimeProvider _time;

    internal RelationalScheduleStore(StoreConnections connections, SqlDialect dialect, TimeProvider? time = null)
    {
        (_connections, _dialect, _time) = (connections, dialect, time ?? TimeProvider.System);
    }

    public Task<bool> SaveAsync(ScheduleRecord schedule, string actor, CancellationToken cancellationToken)
    {
        StoreArguments.Text(schedule.Name, nameof(schedule.Name));
        return _connections.InTransactionAsync((connection, transaction) =>
        {
            var existing = Find(connection, transaction, schedule.Name);
            var isNew = existing is null;
            if (existing is not null)
            {
                // A schedule redefined keeps its last fire: the overlap policy asks whether that run is still going.
                schedule = schedule with { LastRunId = schedule.LastRunId ?? existing.LastRunId, LastFireAt = schedule.LastFireAt ?? existing.LastFireAt };
                using var delete = StoreConnections.Command(connection, transaction, StoredSchedules.Delete(_dialect));
                StoredRows.Add(delete, "name", schedule.Name);
                delete.ExecuteNonQuery();
            }
            using (var insert = StoreConnections.Command(connection, transaction, StoredSchedules.Insert(_dialect)))
            {
                StoredSchedules.BindInsert(insert, schedule);
                insert.ExecuteNonQuery();
            }
            Journal(connection, transaction, schedule.Name, isNew ? "created" : "updated", actor, schedule.CreatedAt, null,
                $"{schedule.WorkflowId}{(schedule.WorkflowVersion is { } v ? "@" + v : "")} at \"{schedule.Cron}\" ({schedule.TimeZone}) on {schedule.Queue}");
            return isNew;
        }, cancellationToken);
    }

    public Task<ScheduleRecord?> FindScheduleAsync(string name, CancellationToken cancellationToken) =>
        _connections.InTransactionAsync((connection, transaction) => Find(connection, transaction, name), cancellationToken);

    public Task<IReadOnlyList<ScheduleRecord>> ListSchedulesAsync(CancellationToken cancellationToken) =>
        _connections.InTransactionAsync<IReadOnlyList<ScheduleRecord>>((connection, transaction) =>
        {
            using var list = StoreConnections.Command(connection, transaction, StoredSchedules.List);
            using var reader = list.ExecuteReader();
            var schedules = new List<ScheduleRecord>();
            while (reader.Read()) schedules.Add(StoredSchedules.Read(reader));
            return schedules;
        }, cancellationToken);

    public Task<bool> DeleteScheduleAsync(string name, string actor, DateTimeOffset now, CancellationToken cancellationToken) =>
        _connections.InTransactionAsync((connection, transaction) =>
        {
            using var delete = StoreConnections.Command(connection, transaction, StoredSchedules.Delete(_dialect));
            StoredRows.Add(delete, "name", name);
            if (delete.ExecuteNonQuery() == 0) return false;
            Journal(connection, transaction, name, "deleted", actor, now, null, null);
            return true;
        }, cancellationToken);

    public Task RecordFireAsync(string name, DateTimeOffset fireAt, string action, string? runId, string? detail, string actor, CancellationToken cancellationToken) =>
        _connections.InTransactionAsync((connection, transaction) =>
        {
            if (runId is not null)
            {
                using var update = StoreConnections.Command(connection, transaction, StoredSchedules.RecordFire(_dialect));
                StoredRows.Add(update, "name", name);
                StoredRows.Add(update, "run_id", runId);
                StoredRows.Add(update, "at", StoredValues.Time(fireAt));
                update.ExecuteNonQuery();
            }
            Journal(connection, transaction, name, action, actor, _time.GetUtcNow(), runId, detail is null ? $"fire at {StoredValues.Time(fireAt)}" : $"fire at {StoredValues.Time(fireAt)}: {detail}");
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<ScheduleEvent>> GetScheduleJournalAsync(string? name, CancellationToken cancellationToken) =>
        _connections.InTransactionAsync<IReadOnlyList<ScheduleEvent>>((connection, transaction) =>
        {
            using var read = StoreConnections.Command(connection, transaction, StoredSchedules.JournalOf(_dialect, all: name is null));
            if (name is not null) StoredRows.Add(read, "name", name);
            using var reader = read.ExecuteReader();
            var events = new List<ScheduleEvent>();
            while (reader.Read()) events.Add(StoredSchedules.ReadEvent(reader));
            return events;
        }, cancellationToken);

    public void Dispose() => _connections.Dispose();

    private ScheduleRecord? Find(DbConnection connection, DbTransaction transaction, string name)
    {
        using var find = StoreConnections.Command(connection, transaction, StoredSchedules.Find(_dialect));
        StoredRows.Add(find, "name", name);
        using var reader = find.ExecuteReader();
        return reader.Read() ? StoredSchedules.Read(reader) : null;
    }

    private void Journal(DbConnection connection, DbTransaction transaction, string name, string action, string actor, DateTimeOffset at, string? runId, string? detail)
    {
        using var journal = StoreConnections.Command(connection, transaction, StoredSchedules.Journal(_dialect));
        StoredSchedules.BindJournal(journal, name, action, actor, at, runId, detail);
        journal.ExecuteNonQuery();
    }
}
