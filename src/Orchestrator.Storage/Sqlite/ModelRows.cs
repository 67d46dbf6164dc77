using Microsoft.Data.Sqlite;
using Orchestrator.Core.Registry;

namespace Orchestrator.Storage.Sqlite;

/// <summary>The SQL of the <c>model_versions</c> table and the mapping between its rows and <see cref="ModelVersion"/>.</summary>
internal static class ModelRows
{
    // Read() takes the columns by position, in this order.
    private const string Columns =
        "name, version, checkpoint_hash, metrics, parent_version, run_id, workflow, evaluator, dataset_hash, seed, " +
        "training_steps, tokens, seconds, created_by, description, created_at, teacher";

    public const string Find = $"SELECT {Columns} FROM model_versions WHERE name = $name AND version = $version";

    public const string Exists = "SELECT count(*) FROM model_versions WHERE name = $name AND version = $version";

    public const string Latest = "SELECT COALESCE(MAX(version), 0) FROM model_versions WHERE name = $name";

    public const string Insert =
        $"INSERT INTO model_versions ({Columns}) VALUES ($name, $version, $checkpoint_hash, $metrics, $parent_version, $run_id, " +
        "$workflow, $evaluator, $dataset_hash, $seed, $training_steps, $tokens, $seconds, $created_by, $description, $created_at, $teacher)";

    public const string ListVersions = $"SELECT {Columns} FROM model_versions WHERE name = $name ORDER BY version";

    public const string ListNames = "SELECT DISTINCT name FROM model_versions ORDER BY name";

    public const string Artifacts = "SELECT name, version, checkpoint_hash, dataset_hash FROM model_versions ORDER BY name, version";

    public static void BindInsert(SqliteCommand command, ModelVersion model, string metrics)
    {
        var p = command.Parameters;
        var lineage = model.Lineage;
        p["$name"].Value = model.Name;
        p["$version"].Value = model.Version;
        p["$checkpoint_hash"].Value = model.CheckpointHash;
        p["$metrics"].Value = metrics;
        p["$parent_version"].Value = (object?)lineage.ParentVersion ?? DBNull.Value;
        p["$run_id"].Value = (object?)lineage.RunId ?? DBNull.Value;
        p["$workflow"].Value = (object?)lineage.Workflow ?? DBNull.Value;
        p["$evaluator"].Value = (object?)lineage.Evaluator ?? DBNull.Value;
        p["$dataset_hash"].Value = (object?)lineage.DatasetHash ?? DBNull.Value;
        p["$seed"].Value = (object?)lineage.Seed ?? DBNull.Value;
        p["$training_steps"].Value = lineage.Compute.TrainingSteps;
        p["$tokens"].Value = lineage.Compute.Tokens;
        p["$seconds"].Value = lineage.Compute.Seconds;
        p["$created_by"].Value = model.CreatedBy;
        p["$description"].Value = (object?)model.Description ?? DBNull.Value;
        p["$created_at"].Value = SqliteValues.Time(model.CreatedAt);
        p["$teacher"].Value = (object?)lineage.Teacher ?? DBNull.Value;
    }

    public static ModelVersion Read(SqliteDataReader row) => new()
    {
        Name = row.GetString(0),
        Version = row.GetInt32(1),
        CheckpointHash = row.GetString(2),
        Metrics = SqliteValues.ParseObject(row.GetString(3), $"the metrics of model {row.GetString(0)}@{row.GetInt32(1)}"),
        Lineage = new ModelLineage
        {
            ParentVersion = row.IsDBNull(4) ? null : row.GetInt32(4),
            RunId = row.IsDBNull(5) ? null : row.GetString(5),
            Workflow = row.IsDBNull(6) ? null : row.GetString(6),
            Evaluator = row.IsDBNull(7) ? null : row.GetString(7),
            DatasetHash = row.IsDBNull(8) ? null : row.GetString(8),
            Seed = row.IsDBNull(9) ? null : row.GetInt64(9),
            Compute = new ComputeSpent(row.GetInt64(10), row.GetInt64(11), row.GetDouble(12)),
            Teacher = row.IsDBNull(16) ? null : row.GetString(16),
        },
        CreatedBy = row.GetString(13),
        Description = row.IsDBNull(14) ? null : row.GetString(14),
        CreatedAt = SqliteValues.ParseTime(row.GetString(15)),
    };
}
