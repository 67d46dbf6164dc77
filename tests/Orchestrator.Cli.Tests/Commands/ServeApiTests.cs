using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary>
/// The API of the real <c>serve</c> process, where runs execute and definitions are validated with the CLI's
/// activities and plugins, on both stores: starting a run and reading it finished, and refusals with their paths.
/// </summary>
public sealed class ServeApiTests
{
    private static async Task<(TestStore Store, ServeProcess Server, string Operator, string Admin)> StartAsync(string backend)
    {
        var store = new TestStore(backend);
        var keys = new List<string>();
        foreach (var role in new[] { "operator", "admin" })
            keys.Add((await CliProcess.RunAsync(store.Folder.Path, store.Args("keys", "create", "--role", role, "--name", role))).Stdout.Trim());
        return (store, await ServeProcess.StartAsync(store), keys[0], keys[1]);
    }

    private static async Task<JsonObject> FinishedAsync(HttpClient client, string runId)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var run = (await client.GetFromJsonAsync<JsonObject>($"/api/runs/{runId}", guard.Token))!;
            if ((string)run["status"]! is "succeeded" or "failed" or "cancelled") return run;
            await Task.Delay(200, guard.Token);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_run_started_through_the_api_executes_in_the_server_and_is_read_back_finished(string backend)
    {
        var (store, server, operatorKey, _) = await StartAsync(backend);
        using var _ = store;
        await using var __ = server;
        using var client = server.Client(operatorKey);

        var started = await client.PostAsJsonAsync("/api/runs", new { workflow = "demo-pipeline", inputs = new { rounds = 2 }, seed = 5, id = "api-run" });

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = await FinishedAsync(client, "api-run");
        Assert.Equal("succeeded", (string)run["status"]!);
        Assert.Equal(5, (long)run["seed"]!);
        Assert.Equal(2, (int)run["inputs"]!["rounds"]!);
        Assert.Contains(run["steps"]!.AsArray(), s => (string)s!["key"]! == "rounds/1/sum");
        var shown = await CliProcess.RunAsync(store.Folder.Path, store.Args("show", "api-run", "--json"));
        Assert.Equal("succeeded", (string)JsonNode.Parse(shown.Stdout)!["status"]!);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Bad_starts_and_bad_definitions_are_refused_with_their_paths_and_store_nothing(string backend)
    {
        var (store, server, operatorKey, adminKey) = await StartAsync(backend);
        using var _ = store;
        await using var __ = server;
        using var operatorClient = server.Client(operatorKey);
        using var admin = server.Client(adminKey);

        var badInput = await operatorClient.PostAsJsonAsync("/api/runs", new { workflow = "demo-pipeline", inputs = new { rounds = "many" } });
        var unknown = await operatorClient.PostAsJsonAsync("/api/runs", new { workflow = "demo-pipeline-x" });
        var file = await operatorClient.PostAsJsonAsync("/api/runs", new { workflow = "/etc/passwd.yaml" });
        var invalid = await admin.PostAsJsonAsync("/api/workflows", new { text = "id: broken\nversion: 1\nsteps:\n  - { id: a, uses: no/such-activity }\n", fileName = "broken.yaml" });
        var syntax = await admin.PostAsJsonAsync("/api/workflows", new { text = "id: [unclosed", fileName = "syntax.yaml" });

        var problem = (await badInput.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(HttpStatusCode.BadRequest, badInput.StatusCode);
        Assert.Contains("rounds", (string)problem["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("demo-pipeline", (string)(await unknown.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, file.StatusCode);
        Assert.Contains("by id", (string)(await file.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["message"]!);
        var issues = (await invalid.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsArray();
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains(issues, i => (string)i!["path"]! == "/steps/0/uses" && ((string)i["message"]!).Contains("no/such-activity"));
        Assert.Equal(HttpStatusCode.BadRequest, syntax.StatusCode);
        Assert.Empty((await operatorClient.GetFromJsonAsync<JsonObject>("/api/runs"))!["runs"]!.AsArray());
        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>("/api/workflows"))!);
    }

    [Fact]
    public async Task An_admin_publishes_a_definition_and_it_is_then_started_by_id()
    {
        var (store, server, operatorKey, adminKey) = await StartAsync("sqlite");
        using var _ = store;
        await using var __ = server;
        using var admin = server.Client(adminKey);
        using var operatorClient = server.Client(operatorKey);
        var text = await File.ReadAllTextAsync(Path.Combine(Repository.Workflows, "demo-sum.yaml"));

        var published = await admin.PostAsJsonAsync("/api/workflows", new { text, fileName = "demo-sum.yaml", reason = "from the API" });
        var again = await admin.PostAsJsonAsync("/api/workflows", new { text, fileName = "demo-sum.yaml" });
        var byOperator = await operatorClient.PostAsJsonAsync("/api/workflows", new { text, fileName = "demo-sum.yaml" });

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // same content: no new version
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        var versions = (await admin.GetFromJsonAsync<JsonArray>("/api/workflows/demo-sum/versions"))!;
        Assert.Equal("key:admin", (string)versions.Single()!["author"]!);
        Assert.Equal("from the API", (string)versions.Single()!["reason"]!);
    }

    [Theory]
    [InlineData("postgres", HttpStatusCode.OK)]
    [InlineData("sqlite", HttpStatusCode.NotFound)]
    public async Task Hangfire_s_dashboard_is_served_behind_the_keys_where_workers_share_the_store(string backend, HttpStatusCode withKey)
    {
        var (store, server, operatorKey, _) = await StartAsync(backend);
        using var _ = store;
        await using var __ = server;
        using var anonymous = server.Client();
        using var operatorClient = server.Client(operatorKey);

        var page = await operatorClient.GetAsync("/hangfire");

        Assert.Equal(withKey, page.StatusCode);
        if (withKey == HttpStatusCode.OK)
        {
            Assert.Contains("Orchestrator jobs", await page.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/hangfire")).StatusCode);
        }
        else Assert.Contains("PostgreSQL", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_operator_schedules_fires_and_deletes_and_bad_schedules_say_why()
    {
        var (store, server, operatorKey, _) = await StartAsync("sqlite");
        using var _ = store;
        await using var __ = server;
        using var client = server.Client(operatorKey);

        var badCron = await client.PostAsJsonAsync("/api/schedules", new { workflow = "demo-pipeline", cron = "every night" });
        var badInput = await client.PostAsJsonAsync("/api/schedules", new { workflow = "demo-pipeline", cron = "0 2 * * *", inputs = new { rounds = "x" } });
        var created = await client.PostAsJsonAsync("/api/schedules", new { workflow = "demo-pipeline", name = "nightly", cron = "0 2 * * *", inputs = new { rounds = 1 } });
        var fired = await client.PostAsync("/api/schedules/nightly/trigger", null);
        var listed = (await client.GetFromJsonAsync<JsonArray>("/api/schedules"))!;
        var deleted = await client.DeleteAsync("/api/schedules/nightly");
        var again = await client.DeleteAsync("/api/schedules/nightly");

        Assert.Equal(HttpStatusCode.BadRequest, badCron.StatusCode);
        Assert.Contains("cron", (string)(await badCron.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![0]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, badInput.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("key:operator", (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["createdBy"]!);
        Assert.Equal(HttpStatusCode.Accepted, fired.StatusCode);
        var run = (string)(await fired.Content.ReadFromJsonAsync<JsonObject>())!["run"]!;
        Assert.StartsWith("nightly-", run);
        Assert.Equal(run, (string)listed.Single()!["lastRun"]!);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var journal = await CliProcess.RunAsync(store.Folder.Path, store.Args("schedules", "--json"));
        Assert.Equal("[]", journal.Stdout.Trim());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_operator_cancels_a_run_the_server_executes_and_resumes_it(string backend)
    {
        var (store, server, operatorKey, adminKey) = await StartAsync(backend);
        using var _ = store;
        await using var __ = server;
        using var client = server.Client(operatorKey);
        using var admin = server.Client(adminKey);
        const string text = "id: long\nsteps:\n  - { id: first, uses: set, with: { done: 1 } }\n  - { id: nap, uses: wait, with: { duration: 10m } }\n";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/workflows", new { text, fileName = "long.yaml" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/runs", new { workflow = "long", id = "long-1" })).StatusCode);
        await NappingAsync(client, "long-1");

        var cancel = await client.PostAsJsonAsync("/api/runs/long-1/cancel", new { reason = "the nap is too long" });
        var cancelled = await FinishedAsync(client, "long-1");
        var resumed = await client.PostAsync("/api/runs/long-1/resume", null);
        await NappingAsync(client, "long-1");
        await client.PostAsync("/api/runs/long-1/cancel", null);
        var again = await FinishedAsync(client, "long-1");
        var finished = await client.PostAsync("/api/runs/long-1/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", (string)cancelled["status"]!);
        Assert.Contains("key:operator", (string)cancelled["error"]!["message"]!);
        Assert.Contains("the nap is too long", (string)cancelled["error"]!["message"]!);
        Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);
        Assert.Equal("cancelled", (string)again["status"]!);
        Assert.Equal(HttpStatusCode.Conflict, finished.StatusCode);
        var journal = (await admin.GetFromJsonAsync<JsonArray>("/api/journal"))!.Select(e => ((string)e!["key"]!, (string)e["path"]!)).ToList();
        Assert.Contains(("operator", "/api/runs/long-1/resume"), journal);
        Assert.Equal(3, journal.Count(e => e == ("operator", "/api/runs/long-1/cancel")));
    }

    /// <summary>Until the run is running its nap step (so a cancel lands mid-step).</summary>
    private static async Task NappingAsync(HttpClient client, string runId)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var run = (await client.GetFromJsonAsync<JsonObject>($"/api/runs/{runId}", guard.Token))!;
            if ((string)run["status"]! == "running" && run["steps"]!.AsArray().Any(s => (string)s!["key"]! == "nap" && (string)s["status"]! == "running")) return;
            await Task.Delay(100, guard.Token);
        }
    }
}
