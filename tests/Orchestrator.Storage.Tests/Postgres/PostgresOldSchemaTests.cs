using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Storage.Postgres;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Postgres;

/// <summary>
/// A database written at table schema version 1 (Fixtures/postgres-v1.sql, plain SQL as that release left it)
/// opens with the current code: it is migrated, and what it held reads back as it was written.
/// </summary>
public sealed class PostgresOldSchemaTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "postgres-v1.sql");

    [Fact]
    public async Task A_version_1_store_is_migrated_to_the_current_schema_on_open()
    {
        // The database's default schema, as a store opened without Search Path lives (the other tests take a schema each).
        await database.ExecuteAsync(await File.ReadAllTextAsync(Fixture));

        await using (await PostgresStore.OpenAsync(database.ConnectionString)) { }

        Assert.Equal(PostgresStore.SchemaVersion, await database.ScalarAsync("SELECT MAX(version) FROM schema_version"));
        Assert.Equal(1L, await database.ScalarAsync("SELECT count(*) FROM schema_version WHERE version = 1 AND applied_at = '2025-03-14T09:00:00.0000000Z'"));
        Assert.Equal(1L, await database.ScalarAsync("SELECT count(*) FROM runs"));
        Assert.Equal(0L, await database.ScalarAsync("SELECT count(*) FROM model_versions"));
    }

    [Fact]
    public async Task The_run_and_its_journal_read_back_as_version_1_wrote_them()
    {
        var schema = await LoadFixtureAsync();

        await using var store = await PostgresStore.OpenAsync(database.InSchema(schema));
        var runs = new PostgresRunStore(store);

        var error = new StepError("exception:System.IO.IOException", "disk \"gone\"\nline two", "train", "/steps/1", 2);
        Same.Run(new RunRecord
        {
            Id = "fixture-run-1",
            WorkflowId = "self-improve-addition",
            WorkflowVersion = 3,
            DefinitionHash = "sha256:abc123",
            Definitions = JsonNode.Parse("""{"self-improve-addition@3":{"id":"self-improve-addition","version":3,"steps":[{"id":"propose","uses":"learning/propose"},{"id":"train","uses":"learning/post-train"}]}}""")!.AsObject(),
            SourceFile = "workflows/self-improve-addition.yaml",
            Inputs = new JsonObject { ["rounds"] = 12, ["model"] = "addition@champion", ["name"] = "naïve – ünïcode ✓" },
            Seed = 9_007_199_254_740_993,
            Status = RunStatus.Failed,
            State = new JsonObject { ["frontier"] = 3, ["dataset"] = "sha256:da7a" + new string('0', 60) },
            Position = "train",
            Error = error,
            StepsCommitted = 1,
            CreatedAt = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5_891_230),
            UpdatedAt = new DateTimeOffset(2025, 3, 14, 9, 27, 10, TimeSpan.Zero).AddTicks(10),
        }, await runs.FindRunAsync("fixture-run-1", None));

        var steps = await runs.GetStepsAsync("fixture-run-1", None);
        Assert.Equal(["propose", "train"], steps.Select(s => s.Key));
        Assert.Equal([1L, 2L], steps.Select(s => s.Sequence));
        Same.Step(new StepRecord
        {
            Key = "propose", StepId = "propose", Pointer = "/steps/0", Kind = "learning/propose", Status = StepStatus.Succeeded, Attempts = 1,
            FirstStartedAt = new DateTimeOffset(2025, 3, 14, 9, 26, 54, TimeSpan.Zero),
            EndedAt = new DateTimeOffset(2025, 3, 14, 9, 26, 55, 500, TimeSpan.Zero),
            Output = new JsonObject { ["attempts"] = 2048, ["kept"] = new JsonArray(1, 2, 3) },
            StateChanges = new JsonObject { ["frontier"] = 3 },
        }, steps[0]);
        Assert.Equal(StepStatus.Failed, steps[1].Status);
        Assert.Equal(error, steps[1].Error);
    }

    [Fact]
    public async Task A_migrated_run_resumes_where_it_stopped_and_the_new_tables_work_beside_it()
    {
        var schema = await LoadFixtureAsync();
        await using var store = await PostgresStore.OpenAsync(database.InSchema(schema));
        var runs = new PostgresRunStore(store);

        // The failed step is retried: its third attempt, counted from its first start, in its first place in the journal.
        var retry = await runs.BeginStepAsync("fixture-run-1", Records.Step("train"), Records.T0, None);
        var models = new PostgresModelRegistry(store);
        var model = await models.RegisterAsync(Samples.Model("addition"), None);

        Assert.Equal(3, retry.Attempt);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 26, 56, TimeSpan.Zero), retry.FirstStartedAt);
        Assert.Equal(2L, (await runs.GetStepsAsync("fixture-run-1", None))[1].Sequence);
        Assert.Equal(1, model.Version);
        // The run's state mentions a dataset, which garbage collection must keep.
        Assert.Contains("sha256:da7a" + new string('0', 60), (await runs.GetArtifactReferencesAsync(None)).Keys);
    }

    [Fact]
    public async Task Its_run_takes_progress_and_a_cancel_request_once_migrated()
    {
        var schema = await LoadFixtureAsync();
        using var stores = StoreFactory.Open(database.InSchema(schema));

        await stores.Control.ReportProgressAsync(new RunProgress("fixture-run-1", "train", new StepProgress("train", 3, 8), Records.T0), None);
        await stores.Control.RequestCancelAsync(new CancelRequest("fixture-run-1", "user:alice", "migrated", Records.T0), None);

        Assert.Equal(3, (await stores.Control.GetProgressAsync("fixture-run-1", None))?.Progress.Done);
        Assert.Equal("user:alice", (await stores.Control.FindCancelRequestAsync("fixture-run-1", None))?.By);
        Assert.Equal(8, await database.ScalarAsync("SELECT MAX(version) FROM schema_version WHERE description LIKE 'run control:%'", schema));
    }

    [Fact]
    public async Task Its_definitions_journal_an_edit_with_details_once_migrated()
    {
        var schema = await LoadFixtureAsync();
        using var stores = StoreFactory.Open(database.InSchema(schema));
        await stores.Definitions.PublishAsync(Samples.Publish("self-improve-addition", 1), None);

        await stores.Definitions.AppendEditAsync(new Core.SelfEditing.EditJournalEntry("self-improve-addition", 1, "editor:llm@0", [], false,
            [new Core.SelfEditing.EditRejection("", "the answer is not JSON")], Details: new JsonObject { ["model"] = "gpt-4o-mini" }), None);

        Assert.Equal("gpt-4o-mini", (await stores.Definitions.GetEditsAsync("self-improve-addition", None)).Single().Details?["model"]?.GetValue<string>());
        Assert.Equal(9, await database.ScalarAsync("SELECT MAX(version) FROM schema_version WHERE description LIKE 'what else a self-edit proposal recorded:%'", schema));
    }

    private async Task<string> LoadFixtureAsync()
    {
        var schema = await database.CreateSchemaAsync();
        await database.ExecuteAsync(await File.ReadAllTextAsync(Fixture), schema);
        return schema;
    }
}
