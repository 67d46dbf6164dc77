using System.Data.Common;
using Orchestrator.Core.Scheduling;

namespace Orchestrator.Storage.Scheduling;

/// <summary>The schedule tables' SQL for either backend, and the mapping between rows and <see cref="ScheduleRecord"/>.</summary>
internal static class StoredSchedules
{
    private const string Columns = "name, workflow_id, workflow_version, cron, time_zone, inputs, queue, overlap, created_by, created_at, last_run_id, last_fire_at";

    public static string Delete(SqlDialect d) => $"DELETE FROM schedules WHERE name = {d.P("name")}";

    public static string Insert(SqlDialect d) =>
        $"INSERT INTO schedules ({Columns}) VALUES ({d.P("name")}, {d.P("workflow_id")}, {d.P("workflow_version")}, {d.P("cron")}, {d.P("time_zone")}, " +
        $"{d.Json("inputs")}, {d.P("queue")}, {d.P("overlap")}, {d.P("created_by")}, {d.P("created_at")}, {d.P("last_run_id")}, {d.P("last_fire_at")})";

    public static string Find(SqlDialect d) => $"SELECT {Columns} FROM schedules WHERE name = {d.P("name")}";

    public const string List = $"SELECT {Columns} FROM schedules ORDER BY name";

    public static string RecordFire(SqlDialect d) =>
        $"UPDATE schedules SET last_run_id = {d.P("run_id")}, last_fire_at = {d.P("at")} WHERE name = {d.P("name")}";

    public static string Journal(SqlDialect d) =>
        $"INSERT INTO schedule_journal (schedule, action, actor, at, run_id, detail) VALUES ({d.P("name")}, {d.P("action")}, {d.P("actor")}, {d.P("at")}, {d.P("run_id")}, {d.P("detail")})";

    public static string JournalOf(SqlDialect d, bool all) =>
        $"SELECT schedule, action, actor, at, run_id, detail FROM schedule_journal {(all ? "" : $"WHERE schedule = {d.P("name")} ")}ORDER BY sequence";

    public static void BindInsert(DbCommand command, ScheduleRecord schedule)
    {
        StoredRows.Add(command, "name", schedule.Name);
        StoredRows.Add(command, "workflow_id", schedule.WorkflowId);
        StoredRows.Add(command, "workflow_version", schedule.WorkflowVersion);
        StoredRows.Add(command, "cron", schedule.Cron);
        StoredRows.Add(command, "time_zone", schedule.TimeZone);
        StoredRows.Add(command, "inputs", schedule.Inputs.ToJsonString());
        StoredRows.Add(command, "queue", schedule.Queue);
        StoredRows.Add(command, "overlap", schedule.Overlap == OverlapPolicy.Queue ? "queue" : "skip");
        StoredRows.Add(command, "created_by", schedule.CreatedBy);
        StoredRows.Add(command, "created_at", StoredValues.Time(schedule.CreatedAt));
        StoredRows.Add(command, "last_run_id", schedule.LastRunId);
        StoredRows.Add(command, "last_fire_at", schedule.LastFireAt is { } at ? StoredValues.Time(at) : null);
    }

    public static void BindJournal(DbCommand command, string name, string action, string actor, DateTimeOffset at, string? runId, string? detail)
    {
        StoredRows.Add(command, "name", name);
        StoredRows.Add(command, "action", action);
        StoredRows.Add(command, "actor", actor);
        StoredRows.Add(command, "at", StoredValues.Time(at));
        StoredRows.Add(command, "run_id", runId);
        StoredRows.Add(command, "detail", detail);
    }

    public static ScheduleRecord Read(DbDataReader row)
    {
        var name = row.GetString(0);
        return new ScheduleRecord
        {
            Name = name,
            WorkflowId = row.GetString(1),
            WorkflowVersion = row.IsDBNull(2) ? null : Convert.ToInt32(row.GetValue(2)),
            Cron = row.GetString(3),
            TimeZone = row.GetString(4),
            Inputs = StoredValues.ParseObject(row.GetString(5), $"schedule {name}'s inputs"),
            Queue = row.GetString(6),
            Overlap = row.GetString(7) == "queue" ? OverlapPolicy.Queue : OverlapPolicy.Skip,
            CreatedBy = row.GetString(8),
            CreatedAt = StoredValues.ParseTime(row.GetString(9)),
            LastRunId = StoredRows.Text(row, 10),
            LastFireAt = StoredRows.Time(row, 11),
        };
    }

    public static ScheduleEvent ReadEvent(DbDataReader row) =>
        new(row.GetString(0), row.GetString(1), row.GetString(2), StoredValues.ParseTime(row.GetString(3)), StoredRows.Text(row, 4), StoredRows.Text(row, 5));
}
