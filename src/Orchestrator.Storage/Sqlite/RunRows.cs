using Microsoft.Data.Sqlite;
using Orchestrator.Core.Engine;

namespace Orchestrator.Storage.Sqlite;

/// <summary>The SQL of the <c>runs</c> table and the mapping between its rows and <see cref="RunRecord"/>.</summary>
internal static class RunRows
{
    // Read() takes the columns by position, in this order.
    private const string Columns =
        "id, format_version, workflow_id, workflow_version, definition_hash, definitions, source_file, inputs, seed, " +
        "status, state, position, output, error, steps_committed, created_at, updated_at, queue, queued";

    // DO NOTHING rather than a constraint error: a duplicate id is reported by the changed-row count.
    public const string Insert =
        $"INSERT INTO runs ({Columns}) VALUES ($id, $format_version, $workflow_id, $workflow_version, $definition_hash, " +
        "$definitions, $source_file, $inputs, $seed, $status, $state, $position, $output, $error, $steps_committed, " +
        "$created_at, $updated_at, $queue, $queued) ON CONFLICT (id) DO NOTHING";

    public const string Find = $"SELECT {Columns} FROM runs WHERE id = $id";

    // rowid breaks ties between runs created in the same tick: the later insert is the newer run.
    public const string List = $"SELECT {Columns} FROM runs ORDER BY created_at DESC, rowid DESC LIMIT $limit";

    // A queued run is stored as running with its flag set, so status and flag are matched together.
    public const string Query =
        $"SELECT {Columns} FROM runs WHERE ($workflow IS NULL OR workflow_id = $workflow) " +
        "AND ($status IS NULL OR (status = $status AND ($queued IS NULL OR queued = $queued))) " +
        "ORDER BY created_at DESC, rowid DESC LIMIT $limit OFFSET $offset";

    public const string CommitStep =
        "UPDATE runs SET state = $state, position = $position, steps_committed = steps_committed + $committed, " +
        "updated_at = $updated_at WHERE id = $id";

    public const string UpdateStatus =
        "UPDATE runs SET status = $status, queued = $queued, output = $output, error = $error, updated_at = $updated_at WHERE id = $id";

    public static void BindInsert(SqliteCommand command, RunRecord run)
    {
        var p = command.Parameters;
        p["$id"].Value = run.Id;
        p["$format_version"].Value = RunRecord.CurrentSchemaVersion;
        p["$workflow_id"].Value = run.WorkflowId;
        p["$workflow_version"].Value = run.WorkflowVersion;
        p["$definition_hash"].Value = run.DefinitionHash;
        p["$definitions"].Value = run.Definitions.ToJsonString();
        p["$source_file"].Value = (object?)run.SourceFile ?? DBNull.Value;
        p["$inputs"].Value = run.Inputs.ToJsonString();
        p["$seed"].Value = run.Seed;
        p["$status"].Value = SqliteValues.Status(run.Status);
        p["$state"].Value = run.State.ToJsonString();
        p["$position"].Value = (object?)run.Position ?? DBNull.Value;
        p["$output"].Value = SqliteValues.Json(run.Output);
        p["$error"].Value = SqliteValues.Error(run.Error);
        p["$steps_committed"].Value = run.StepsCommitted;
        p["$created_at"].Value = SqliteValues.Time(run.CreatedAt);
        p["$updated_at"].Value = SqliteValues.Time(run.UpdatedAt);
        p["$queue"].Value = (object?)run.Queue ?? DBNull.Value;
        p["$queued"].Value = run.Status == RunStatus.Queued ? 1 : 0;
    }

    public static RunRecord Read(SqliteDataReader row)
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
            Definitions = SqliteValues.ParseObject(row.GetString(5), $"run {id}'s definitions"),
            SourceFile = row.IsDBNull(6) ? null : row.GetString(6),
            Inputs = SqliteValues.ParseObject(row.GetString(7), $"run {id}'s inputs"),
            Seed = row.GetInt64(8),
            Status = StoredValues.ParseRunStatus(row.GetString(9), row.GetInt32(18) == 1),
            State = SqliteValues.ParseObject(row.GetString(10), $"run {id}'s state"),
            Position = row.IsDBNull(11) ? null : row.GetString(11),
            Output = SqliteValues.ParseJson(row.IsDBNull(12) ? null : row.GetString(12)),
            Error = SqliteValues.ParseError(row.IsDBNull(13) ? null : row.GetString(13)),
            StepsCommitted = row.GetInt32(14),
            CreatedAt = SqliteValues.ParseTime(row.GetString(15)),
            UpdatedAt = SqliteValues.ParseTime(row.GetString(16)),
            Queue = row.IsDBNull(17) ? null : row.GetString(17),
        };
    }
}
