using Microsoft.Data.Sqlite;
using Orchestrator.Core.Engine;

namespace Orchestrator.Storage.Sqlite;

/// <summary>The SQL of the <c>steps</c> table and the mapping between its rows and <see cref="StepRecord"/>.</summary>
internal static class StepRows
{
    // Read() takes the columns by position, in this order.
    private const string Columns =
        "key, step_id, pointer, kind, status, attempts, first_started_at, ended_at, output, state_changes, error, sequence";

    // A new row takes the run's next sequence number; an existing row keeps its own (the upserts below never
    // set it), so the journal stays in the order steps were first recorded however often they are retried.
    private const string NextSequence = "(SELECT COALESCE(MAX(sequence), 0) + 1 FROM steps WHERE run_id = $run_id)";

    public const string ForRun = $"SELECT {Columns} FROM steps WHERE run_id = $run_id ORDER BY sequence";

    // The same columns in the same places, without the bulk of a long journal: outputs and state changes.
    public const string JournalOfRun =
        "SELECT key, step_id, pointer, kind, status, attempts, first_started_at, ended_at, NULL, NULL, error, sequence FROM steps WHERE run_id = $run_id ORDER BY sequence";

    // A retried attempt clears what the previous attempt left, counts itself, and keeps the first start,
    // which durable timers and retry budgets are measured from.
    public const string Begin =
        "INSERT INTO steps (run_id, key, step_id, pointer, kind, status, attempts, first_started_at, ended_at, output, state_changes, error, sequence) " +
        $"VALUES ($run_id, $key, $step_id, $pointer, $kind, 'running', 1, $now, NULL, NULL, NULL, NULL, {NextSequence}) " +
        "ON CONFLICT (run_id, key) DO UPDATE SET step_id = excluded.step_id, pointer = excluded.pointer, kind = excluded.kind, " +
        "status = 'running', attempts = steps.attempts + 1, first_started_at = COALESCE(steps.first_started_at, excluded.first_started_at), " +
        "ended_at = NULL, output = NULL, state_changes = NULL, error = NULL " +
        "RETURNING attempts, first_started_at";

    public const string Commit =
        "INSERT INTO steps (run_id, key, step_id, pointer, kind, status, attempts, first_started_at, ended_at, output, state_changes, error, sequence) " +
        $"VALUES ($run_id, $key, $step_id, $pointer, $kind, $status, $attempts, $first_started_at, $ended_at, $output, $state_changes, $error, {NextSequence}) " +
        "ON CONFLICT (run_id, key) DO UPDATE SET step_id = excluded.step_id, pointer = excluded.pointer, kind = excluded.kind, " +
        "status = excluded.status, attempts = excluded.attempts, first_started_at = excluded.first_started_at, " +
        "ended_at = excluded.ended_at, output = excluded.output, state_changes = excluded.state_changes, error = excluded.error";

    public static void BindBegin(SqliteCommand command, string runId, StepRecord step, DateTimeOffset now)
    {
        var p = command.Parameters;
        p["$run_id"].Value = runId;
        p["$key"].Value = step.Key;
        p["$step_id"].Value = step.StepId;
        p["$pointer"].Value = step.Pointer;
        p["$kind"].Value = step.Kind;
        p["$now"].Value = SqliteValues.Time(now);
    }

    public static void BindCommit(SqliteCommand command, string runId, StepColumns step)
    {
        var p = command.Parameters;
        p["$run_id"].Value = runId;
        p["$key"].Value = step.Record.Key;
        p["$step_id"].Value = step.Record.StepId;
        p["$pointer"].Value = step.Record.Pointer;
        p["$kind"].Value = step.Record.Kind;
        p["$status"].Value = SqliteValues.Status(step.Record.Status);
        p["$attempts"].Value = step.Record.Attempts;
        p["$first_started_at"].Value = SqliteValues.Time(step.Record.FirstStartedAt);
        p["$ended_at"].Value = SqliteValues.Time(step.Record.EndedAt);
        p["$output"].Value = step.Output;
        p["$state_changes"].Value = step.StateChanges;
        p["$error"].Value = step.Error;
    }

    public static StepRecord Read(SqliteDataReader row) => new()
    {
        Key = row.GetString(0),
        StepId = row.GetString(1),
        Pointer = row.GetString(2),
        Kind = row.GetString(3),
        Status = SqliteValues.ParseStepStatus(row.GetString(4)),
        Attempts = row.GetInt32(5),
        FirstStartedAt = row.IsDBNull(6) ? null : SqliteValues.ParseTime(row.GetString(6)),
        EndedAt = row.IsDBNull(7) ? null : SqliteValues.ParseTime(row.GetString(7)),
        Output = SqliteValues.ParseJson(row.IsDBNull(8) ? null : row.GetString(8)),
        StateChanges = row.IsDBNull(9) ? null : SqliteValues.ParseObject(row.GetString(9), $"step {row.GetString(0)}'s state changes"),
        Error = SqliteValues.ParseError(row.IsDBNull(10) ? null : row.GetString(10)),
        Sequence = row.GetInt64(11),
    };
}
