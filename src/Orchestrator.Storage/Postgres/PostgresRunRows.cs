using Npgsql;
using Orchestrator.Core.Engine;

namespace Orchestrator.Storage.Postgres;

/// <summary>The SQL of the <c>runs</c> table and the mapping between its rows and <see cref="RunRecord"/>.</summary>
internal static class PostgresRunRows
{
    // Read() takes the columns by position, in this order.
    private const string Columns =
        "id, format_version, workflow_id, workflow_version, definition_hash, definitions, source_file, inputs, seed, " +
        "status, state, position, output, error, steps_committed, created_at, updated_at, queue, queued";

    // DO NOTHING rather than a constraint error: a duplicate id is reported by the changed-row count.
    public const string Insert =
        $"INSERT INTO runs ({Columns}) VALUES (@id, @format_version, @workflow_id, @workflow_version, @definition_hash, " +
        "@definitions, @source_file, @inputs, @seed, @status, @state, @position, @output, @error, @steps_committed, " +
        "@created_at, @updated_at, @queue, @queued) ON CONFLICT (id) DO NOTHING";

    public const string Find = $"SELECT {Columns} FROM runs WHERE id = @id";

    // created_order breaks ties between runs created at the same instant: the later insert is the newer run.
    public const string List = $"SELECT {Columns} FROM runs ORDER BY created_at DESC, created_order DESC LIMIT @limit";

    // A queued run is stored as running with its flag set, so status and flag are matched together.
    public const string Query =
        $"SELECT {Columns} FROM runs WHERE (@workflow::text IS NULL OR workflow_id = @workflow) " +
        "AND (@status::text IS NULL OR (status = @status AND (@queued::boolean IS NULL OR queued = @queued))) " +
        "ORDER BY created_at DESC, created_order DESC LIMIT @limit OFFSET @offset";

    // The UPDATE also takes the run's row lock, which BeginStep takes too: steps of one run are numbered one at a time.
    public const string CommitStep =
        "UPDATE runs SET state = @state, position = @position, steps_committed = steps_committed + @committed, " +
        "updated_at = @updated_at WHERE id = @id";

    public const string LockForStep = "SELECT 1 FROM runs WHERE id = @id FOR UPDATE";

    public const string UpdateStatus =
        "UPDATE runs SET status = @status, queued = @queued, output = @output, error = @error, updated_at = @updated_at WHERE id = @id";

    // Only rows that can mention an artifact at all are read and searched.
    public const string ArtifactMentions =
        "SELECT id, inputs::text, state::text, output::text FROM runs " +
        "WHERE inputs::text LIKE '%sha256:%' OR state::text LIKE '%sha256:%' OR output::text LIKE '%sha256:%' ORDER BY created_at, created_order";

    public static void BindInsert(NpgsqlParameterCollection p, RunRecord run)
    {
        p.Add(PostgresParameters.Text("id", run.Id));
        p.Add(PostgresParameters.Int("format_version", RunRecord.CurrentSchemaVersion));
        p.Add(PostgresParameters.Text("workflow_id", run.WorkflowId));
        p.Add(PostgresParameters.Int("workflow_version", run.WorkflowVersion));
        p.Add(PostgresParameters.Text("definition_hash", run.DefinitionHash));
        p.Add(PostgresParameters.Json("definitions", run.Definitions.ToJsonString()));
        p.Add(PostgresParameters.Text("source_file", run.SourceFile));
        p.Add(PostgresParameters.Json("inputs", run.Inputs.ToJsonString()));
        p.Add(PostgresParameters.Long("seed", run.Seed));
        p.Add(PostgresParameters.Text("status", PostgresValues.Status(run.Status)));
        p.Add(PostgresParameters.Json("state", run.State.ToJsonString()));
        p.Add(PostgresParameters.Text("position", run.Position));
        p.Add(PostgresParameters.Json("output", PostgresValues.Json(run.Output)));
        p.Add(PostgresParameters.Json("error", PostgresValues.Error(run.Error)));
        p.Add(PostgresParameters.Int("steps_committed", run.StepsCommitted));
        p.Add(PostgresParameters.Time("created_at", run.CreatedAt));
        p.Add(PostgresParameters.Time("updated_at", run.UpdatedAt));
        p.Add(PostgresParameters.Text("queue", run.Queue));
        p.Add(PostgresParameters.Bool("queued", run.Status == RunStatus.Queued));
    }

    public static RunRecord Read(NpgsqlDataReader row)
    {
        var id = row.GetString(0);
        var format = row.GetInt32(1);
        if (format > RunRecord.CurrentSchemaVersion)
            throw new InvalidDataException($"run {id} was written in run format {format}, but this build of Orchestrator reads formats up to {RunRecord.CurrentSchemaVersion}; upgrade Orchestrator to read it");
        return new RunRecord
        {
            Id = id,
            WorkflowId = row.GetString(2),
            WorkflowVersion = row.GetInt32(3),
            DefinitionHash = row.GetString(4),
            Definitions = PostgresValues.ParseObject(row.GetString(5), $"run {id}'s definitions"),
            SourceFile = PostgresValues.NullableString(row, 6),
            Inputs = PostgresValues.ParseObject(row.GetString(7), $"run {id}'s inputs"),
            Seed = row.GetInt64(8),
            Status = StoredValues.ParseRunStatus(row.GetString(9), row.GetBoolean(18)),
            State = PostgresValues.ParseObject(row.GetString(10), $"run {id}'s state"),
            Position = PostgresValues.NullableString(row, 11),
            Output = PostgresValues.ParseJson(PostgresValues.NullableString(row, 12)),
            Error = PostgresValues.ParseError(PostgresValues.NullableString(row, 13)),
            StepsCommitted = row.GetInt32(14),
            CreatedAt = PostgresValues.Time(row, 15),
            UpdatedAt = PostgresValues.Time(row, 16),
            Queue = PostgresValues.NullableString(row, 17),
        };
    }
}
