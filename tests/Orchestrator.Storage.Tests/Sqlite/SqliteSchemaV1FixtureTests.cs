using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Core.Versioning;
using Orchestrator.Storage.Sqlite;
using Orchestrator.Storage.Tests.Support;

namespace Orchestrator.Storage.Tests.Sqlite;

/// <summary>
/// A store written by the release before versioning (table schema 1: runs and steps only), kept as a binary
/// fixture, opened by this build: it is migrated in place and everything in it reads back as it was written.
/// The expected values are spelled out here rather than taken from the sample records, which may change;
/// the fixture cannot.
/// </summary>
public sealed class SqliteSchemaV1FixtureTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string Checkpoint = "sha256:" + new string('a', 64);
    private static readonly string Dataset = "sha256:" + new string('b', 64);
    private static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();

    public SqliteSchemaV1FixtureTests()
    {
        // A copy: the test migrates it, and the fixture must stay at version 1 for the next run.
        Directory.CreateDirectory(_temp.Store);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "sqlite-v1", "orchestrator.db"), _temp.DatabaseFile);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_fixture_is_at_schema_version_1()
    {
        Assert.Equal(1L, RawSqlite.Scalar(_temp.DatabaseFile, "SELECT MAX(version) FROM schema_version"));
    }

    [Fact]
    public async Task Opening_migrates_it_to_the_current_schema()
    {
        await using (new SqliteRunStore(_temp.Store)) { }

        Assert.Equal((long)SqliteMigrations.Latest, RawSqlite.Scalar(_temp.DatabaseFile, "SELECT MAX(version) FROM schema_version"));
        Assert.Equal(1L, RawSqlite.Scalar(_temp.DatabaseFile, "SELECT count(*) FROM sqlite_master WHERE name = 'definition_versions'"));
    }

    [Fact]
    public async Task Its_run_and_journal_read_back_intact()
    {
        await using var store = new SqliteRunStore(_temp.Store);

        var run = await store.FindRunAsync("v1-run", None);

        Same.Run(new RunRecord
        {
            Id = "v1-run",
            WorkflowId = "self-improve-addition",
            WorkflowVersion = 3,
            DefinitionHash = "sha256:abc123",
            Definitions = new JsonObject
            {
                ["self-improve-addition@3"] = new JsonObject { ["id"] = "self-improve-addition", ["version"] = 3, ["steps"] = new JsonArray(new JsonObject { ["id"] = "a", ["uses"] = "set" }) },
            },
            SourceFile = "workflows/self-improve-addition.yaml",
            Inputs = new JsonObject { ["rounds"] = 12, ["model"] = "addition@champion", ["name"] = "naïve – ünïcode ✓" },
            Seed = 9_007_199_254_740_993,
            Status = RunStatus.Succeeded,
            State = new JsonObject { ["frontier"] = 4, ["checkpoint"] = Checkpoint },
            Position = "round/0/data",
            Output = new JsonObject { ["frontier"] = 4 },
            Error = null,
            StepsCommitted = 2,
            CreatedAt = T0,
            UpdatedAt = T0.AddSeconds(3),
        }, run);
        var steps = await store.GetStepsAsync("v1-run", None);
        Assert.Equal(["round/0/propose", "round/0/data"], steps.Select(s => s.Key));
        Assert.Equal([1L, 2L], steps.Select(s => s.Sequence));
        Same.Step(new StepRecord
        {
            Key = "round/0/data",
            StepId = "data",
            Pointer = "/steps/0/do/0",
            Kind = "learning/propose",
            Status = StepStatus.Succeeded,
            Attempts = 1,
            FirstStartedAt = T0,
            EndedAt = T0.AddTicks(123_455),
            Output = new JsonObject { ["dataset"] = Dataset },
            StateChanges = new JsonObject { ["last"] = "round/0/data" },
        }, steps[1]);
    }

    [Fact]
    public async Task A_definition_can_be_published_and_a_model_registered_in_it()
    {
        await using var definitions = new SqliteDefinitionStore(_temp.Store);
        await using var models = new SqliteModelRegistry(_temp.Store);

        var published = await definitions.PublishAsync(Samples.Publish("self-improve-addition", 1), None);
        var registered = await models.RegisterAsync(Samples.Model("addition"), None);

        Assert.Equal((1, true), (published.Version.Version, published.Created));
        Assert.Equal(1, await definitions.GetAliasAsync("self-improve-addition", IDefinitionStore.CurrentAlias, None));
        Assert.Equal(1, registered.Version);
    }

    [Fact]
    public async Task The_artifacts_its_run_mentions_are_referenced()
    {
        await using var store = new SqliteRunStore(_temp.Store);

        var references = await store.GetArtifactReferencesAsync(None);

        Assert.Equal(new Dictionary<string, string> { [Checkpoint] = "run v1-run", [Dataset] = "run v1-run step round/0/data" }, references);
    }

    [Fact]
    public async Task Its_run_takes_progress_and_a_cancel_request_once_migrated()
    {
        using var stores = StoreFactory.Open(_temp.Store);

        await stores.Control.ReportProgressAsync(new RunProgress("v1-run", "round/0/train", new StepProgress("train", 3, 8), T0), None);
        await stores.Control.RequestCancelAsync(new CancelRequest("v1-run", "user:alice", "migrated", T0), None);

        Assert.Equal(3, (await stores.Control.GetProgressAsync("v1-run", None))?.Progress.Done);
        Assert.Equal("user:alice", (await stores.Control.FindCancelRequestAsync("v1-run", None))?.By);
        Assert.Equal(8L, RawSqlite.Scalar(_temp.DatabaseFile, "SELECT MAX(version) FROM schema_version WHERE description LIKE 'run control:%'"));
    }

    [Fact]
    public async Task Its_definitions_journal_an_edit_with_details_once_migrated()
    {
        await using var definitions = new SqliteDefinitionStore(_temp.Store);
        await definitions.PublishAsync(Samples.Publish("self-improve-addition", 1), None);

        await definitions.AppendEditAsync(new Core.SelfEditing.EditJournalEntry("self-improve-addition", 1, "editor:llm@0", [], false,
            [new Core.SelfEditing.EditRejection("", "the answer is not JSON")], Details: new JsonObject { ["model"] = "gpt-4o-mini" }), None);

        Assert.Equal("gpt-4o-mini", (await definitions.GetEditsAsync("self-improve-addition", None)).Single().Details?["model"]?.GetValue<string>());
        Assert.Equal(9L, RawSqlite.Scalar(_temp.DatabaseFile, "SELECT MAX(version) FROM schema_version WHERE description LIKE 'what else a self-edit proposal recorded:%'"));
    }
}
