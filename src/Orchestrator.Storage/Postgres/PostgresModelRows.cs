using Npgsql;
using Orchestrator.Core.Registry;

namespace Orchestrator.Storage.Postgres;

/// <summary>The SQL of the <c>model_versions</c> table and the mapping between its rows and <see cref="ModelVersion"/>.</summary>
internal static class PostgresModelRows
{
    // Read() takes the columns by position, in this order.
    private const string Columns =
        "name, version, checkpoint_hash, metrics, parent_version, run_id, workflow, evaluator, dataset_hash, seed, " +
        "training_steps, tokens, seconds, created_by, description, created_at, teacher";

    public const string Find = $"SELECT {Columns} FROM model_versions WHERE name = @name AND version = @version";

    public const string ForModel = $"SELECT {Columns} FROM model_versions WHERE name = @name ORDER BY version";

    // COLLATE "C": ordered by code point whatever the database's collation, as SQLite orders text.
    public const string Names = "SELECT name FROM model_versions GROUP BY name ORDER BY name COLLATE \"C\"";

    public const string Latest = "SELECT COALESCE(MAX(version), 0) FROM model_versions WHERE name = @name";

    public const string Insert =
        $"INSERT INTO model_versions ({Columns}) VALUES (@name, @version, @checkpoint_hash, @metrics, " +
        "@parent_version, @run_id, @workflow, @evaluator, @dataset_hash, @seed, @training_steps, @tokens, @seconds, @created_by, @description, @created_at, @teacher)";

    public const string ArtifactHashes = "SELECT name, version, checkpoint_hash, dataset_hash FROM model_versions ORDER BY name COLLATE \"C\", version";

    public static void BindInsert(NpgsqlParameterCollection p, ModelVersion model)
    {
        var lineage = model.Lineage;
        p.Add(PostgresParameters.Text("name", model.Name));
        p.Add(PostgresParameters.Int("version", model.Version));
        p.Add(PostgresParameters.Text("checkpoint_hash", model.CheckpointHash));
        p.Add(PostgresParameters.Json("metrics", model.Metrics.ToJsonString()));
        p.Add(PostgresParameters.Int("parent_version", lineage.ParentVersion));
        p.Add(PostgresParameters.Text("run_id", lineage.RunId));
        p.Add(PostgresParameters.Text("workflow", lineage.Workflow));
        p.Add(PostgresParameters.Text("evaluator", lineage.Evaluator));
        p.Add(PostgresParameters.Text("dataset_hash", lineage.DatasetHash));
        p.Add(PostgresParameters.Long("seed", lineage.Seed));
        p.Add(PostgresParameters.Long("training_steps", lineage.Compute.TrainingSteps));
        p.Add(PostgresParameters.Long("tokens", lineage.Compute.Tokens));
        p.Add(PostgresParameters.Double("seconds", lineage.Compute.Seconds));
        p.Add(PostgresParameters.Text("created_by", model.CreatedBy));
        p.Add(PostgresParameters.Text("description", model.Description));
        p.Add(PostgresParameters.Time("created_at", model.CreatedAt));
        p.Add(PostgresParameters.Text("teacher", lineage.Teacher));
    }

    public static ModelVersion Read(NpgsqlDataReader row)
    {
        var name = row.GetString(0);
        var version = row.GetInt32(1);
        return new ModelVersion
        {
            Name = name,
            Version = version,
            CheckpointHash = row.GetString(2),
            Metrics = PostgresValues.ParseObject(row.GetString(3), $"the metrics of model {name}@{version}"),
            Lineage = new ModelLineage
            {
                ParentVersion = PostgresValues.NullableInt(row, 4),
                RunId = PostgresValues.NullableString(row, 5),
                Workflow = PostgresValues.NullableString(row, 6),
                Evaluator = PostgresValues.NullableString(row, 7),
                DatasetHash = PostgresValues.NullableString(row, 8),
                Seed = PostgresValues.NullableLong(row, 9),
                Compute = new ComputeSpent(row.GetInt64(10), row.GetInt64(11), row.GetDouble(12)),
                Teacher = PostgresValues.NullableString(row, 16),
            },
            CreatedBy = row.GetString(13),
            Description = PostgresValues.NullableString(row, 14),
            CreatedAt = PostgresValues.Time(row, 15),
        };
    }
}
