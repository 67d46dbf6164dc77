using System.Text.Json.Nodes;
using Npgsql;
using Orchestrator.Core.Engine;

namespace Orchestrator.Storage.Postgres;

/// <summary>The SQL of the <c>steps</c> table and the mapping between its rows and <see cref="StepRecord"/>.</summary>
internal static class PostgresStepRows
{
    // Read() takes the columns by position, in this order.
    private const string Columns =
        "key, step_id, pointer, kind, status, attempts, first_started_at, ended_at, output, state_changes, error, sequence";

    // A new row takes the run's next sequence number; an existing row keeps its own (the upserts below never
    // set it), so the journal stays in the order steps were first recorded however often they are retried.
    // Callers hold the run's row lock, so two connections never compute the same next number.
    private const string NextSequence = "(SELECT COALESCE(MAX(sequence), 0) + 1 FROM steps WHERE run_id = @run_id)";

    public const string ForRun = $"SELECT {Columns} FROM steps WHERE run_id = @run_id ORDER BY sequence";

    // The same columns in the same places, without the bulk of a long journal: outputs and state changes.
    public const string JournalOfRun =
        "SELECT key, step_id, pointer, kind, status, attempts, first_started_at, ended_at, NULL, NULL, error, sequence FROM steps WHERE run_id = @run_id ORDER BY sequence";

    // A retried attempt clears what the previous attempt left, counts itself, and keeps the first start,
    // which durable timers and retry budgets are measured from.
    public const string Begin =
        "INSERT INTO steps (run_id, key, step_id, pointer, kind, status, attempts, first_started_at, ended_at, output, state_changes, error, sequence) " +
        $"VALUES (@run_id, @key, @step_id, @pointer, @kind, 'running', 1, @now, NULL, NULL, NULL, NULL, {NextSequence}) " +
        "ON CONFLICT (run_id, key) DO UPDATE SET step_id = excluded.step_id, pointer = excluded.pointer, kind = excluded.kind, " +
        "status = 'running', attempts = steps.attempts + 1, first_started_at = COALESCE(steps.first_started_at, excluded.first_started_at), " +
        "ended_at = NULL, output = NULL, state_changes = NULL, error = NULL " +
        "RETURNING attempts, first_started_at";

    public const string Commit =
        "INSERT INTO steps (run_id, key, step_id, pointer, kind, status, attempts, first_started_at, ended_at, output, state_changes, error, sequence) " +
        $"VALUES (@run_id, @key, @step_id, @pointer, @kind, @status, @attempts, @first_started_at, @ended_at, @output, @state_changes, @error, {NextSequence}) " +
        "ON CONFLICT (run_id, key) DO UPDATE SET step_id = excluded.step_id, pointer = excluded.pointer, kind = excluded.kind, " +
        "status = excluded.status, attempts = excluded.attempts, first_started_at = excluded.first_started_at, " +
        "ended_at = excluded.ended_at, output = excluded.output, state_changes = excluded.state_changes, error = excluded.error";

    public const string ArtifactMentions =
        "SELECT run_id, key, output::text, state_changes::text FROM steps " +
        "WHERE output::text LIKE '%sha256:%' OR state_changes::text LIKE '%sha256:%' ORDER BY run_id, sequence";

    public static void BindBegin(NpgsqlParameterCollection p, string runId, StepRecord step, DateTimeOffset now)
    {
        p.Add(PostgresParameters.Text("run_id", runId));
        p.Add(PostgresParameters.Text("key", step.Key));
        p.Add(PostgresParameters.Text("step_id", step.StepId));
        p.Add(PostgresParameters.Text("pointer", step.Pointer));
        p.Add(PostgresParameters.Text("kind", step.Kind));
        p.Add(PostgresParameters.Time("now", now));
    }

    public static void BindCommit(NpgsqlParameterCollection p, string runId, StepRecord step)
    {
        p.Add(PostgresParameters.Text("run_id", runId));
        p.Add(PostgresParameters.Text("key", step.Key));
        p.Add(PostgresParameters.Text("step_id", step.StepId));
        p.Add(PostgresParameters.Text("pointer", step.Pointer));
        p.Add(PostgresParameters.Text("kind", step.Kind));
        p.Add(PostgresParameters.Text("status", PostgresValues.Status(step.Status)));
        p.Add(PostgresParameters.Int("attempts", step.Attempts));
        p.Add(PostgresParameters.Time("first_started_at", step.FirstStartedAt));
        p.Add(PostgresParameters.Time("ended_at", step.EndedAt));
        p.Add(PostgresParameters.Json("output", PostgresValues.Json(step.Output)));
        p.Add(PostgresParameters.Json("state_changes", PostgresValues.Json((JsonNode?)step.StateChanges)));
        p.Add(PostgresParameters.Json("error", PostgresValues.Error(step.Error)));
    }

    public static StepRecord Read(NpgsqlDataReader row) => new()
    {
        Key = row.GetString(0),
        StepId = row.GetString(1),
        Pointer = row.GetString(2),
        Kind = row.GetString(3),
        Status = PostgresValues.ParseStepStatus(row.GetString(4)),
        Attempts = row.GetInt32(5),
        FirstStartedAt = PostgresValues.NullableTime(row, 6),
        EndedAt = PostgresValues.NullableTime(row, 7),
        Output = PostgresValues.ParseJson(PostgresValues.NullableString(row, 8)),
        StateChanges = row.IsDBNull(9) ? null : PostgresValues.ParseObject(row.GetString(9), $"step {row.GetString(0)}'s state changes"),
        Error = PostgresValues.ParseError(PostgresValues.NullableString(row, 10)),
        Sequence = row.GetInt64(11),
    };
}
