using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Dashboard;

/// <summary>
/// The dashboard in a real Chromium against the real <c>serve</c> process: sign in, watch a run started through the API
/// appear and finish live, its learning curve, a self-edit's diff and the champion's lineage; a viewer sees no start
/// button, and a form posted from another site is refused. Screenshots go to <see cref="Chromium.ScreenshotFolder"/>.
/// </summary>
[Collection(nameof(DashboardCollection))]
public sealed class DashboardBrowserTests : IAsyncLifetime
{
    private const float Wait = 120_000;
    private readonly TestStore _store = new("sqlite");
    private ServeProcess _server = null!;
    private Chromium _chromium = null!;
    private string _operator = null!;
    private string _viewer = null!;

    public async Task InitializeAsync()
    {
        _operator = await KeyAsync("operator", "otto");
        _viewer = await KeyAsync("viewer", "vera");
        // A self-edit to look at: the shipped loop published, then an accepted edit of its post-training steps.
        Assert.Equal(0, (await CliProcess.RunAsync(_store.Folder.Path, _store.Args("publish", Path.Combine(Repository.Workflows, "self-improve-addition.yaml")))).ExitCode);
        var patch = _store.Folder.Write("fewer-steps.json", """[{ "op": "replace", "path": "/steps/4/do/4/with/steps", "value": 200 }]""");
        var edit = await CliProcess.RunAsync(_store.Folder.Path, _store.Args("edit", "self-improve-addition", "--patch", patch, "--editor", "operator:test", "--rationale", "half the steps a round"));
        Assert.True(edit.ExitCode == 0, edit.Stderr);
        _server = await ServeProcess.StartAsync(_store);
        _chromium = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _server.DisposeAsync();
        _store.Dispose();
    }

    private async Task<string> KeyAsync(string role, string name) =>
        (await CliProcess.RunAsync(_store.Folder.Path, _store.Args("keys", "create", "--role", role, "--name", name))).Stdout.Trim();

    private async Task<IPage> SignInAsync(string key)
    {
        var page = await _chromium.NewPageAsync();
        await page.GotoAsync(_server.Url.ToString());
        await page.Locator("#signin-key").FillAsync(key);
        await page.Locator("#signin-submit").ClickAsync();
        await page.Locator("#runs-table").WaitForAsync(new() { Timeout = Wait });
        return page;
    }

    [Fact]
    public async Task An_operator_watches_a_run_finish_live_then_reads_its_curve_the_edit_and_the_lineage()
    {
        var page = await SignInAsync(_operator);
        Assert.Equal("otto", await page.Locator("#session-name").InnerTextAsync());
        Assert.True(await page.Locator("#start-run-form").IsVisibleAsync());

        using var api = _server.Client(_operator);
        var started = await api.PostAsJsonAsync("/api/runs", new
        {
            workflow = "self-improve-addition", id = "browser-run", seed = 7,
            inputs = new { baseSteps = 40, baseMaxLength = 2, width = 16, rounds = 2, gateItems = 16 },
        });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        // The runs page updates by itself: the row appears, then its status reaches succeeded, with no reload.
        var row = page.Locator("tr[data-run-id='browser-run']");
        await row.WaitForAsync(new() { Timeout = Wait });
        await Assertions.Expect(row.Locator("td.status")).ToHaveTextAsync("succeeded", new() { Timeout = Wait });
        await Chromium.ScreenshotAsync(page, "runs");

        await row.Locator("a").First.ClickAsync();
        var curve = page.Locator("#learning-curve");
        await curve.WaitForAsync(new() { Timeout = Wait });
        await Assertions.Expect(page.Locator("#run-status")).ToContainTextAsync("succeeded");
        // Round 0 and the two rounds, each a marked gate decision with its p-value on hover.
        var decisions = curve.Locator(".gate-decision");
        Assert.True(await decisions.CountAsync() >= 3, $"{await decisions.CountAsync()} gate decisions drawn");
        Assert.Contains("round 1", await decisions.Nth(1).Locator("title").TextContentAsync() ?? "");
        Assert.Equal(3, await page.Locator("#rounds-table tbody tr").CountAsync());
        Assert.True(await page.Locator("#run-journal").Locator("text=round").CountAsync() > 0);
        await Chromium.ScreenshotAsync(page, "run");

        await page.GotoAsync(new Uri(_server.Url, "#/workflows/self-improve-addition").ToString());
        var diff = page.Locator(".edit-diff").First;
        await diff.WaitForAsync(new() { Timeout = Wait });
        await Assertions.Expect(diff).ToContainTextAsync("/steps/4/do/4/with/steps");
        await Assertions.Expect(diff).ToContainTextAsync("200");
        await Assertions.Expect(diff).ToContainTextAsync("half the steps a round");
        await Chromium.ScreenshotAsync(page, "workflow");

        await page.GotoAsync(new Uri(_server.Url, "#/models/addition").ToString());
        var graph = page.Locator("#lineage-graph");
        await graph.WaitForAsync(new() { Timeout = Wait });
        var versions = (await api.GetFromJsonAsync<JsonObject>("/api/models/addition"))!["versions"]!.AsArray().Count;
        await Assertions.Expect(graph.Locator("g.model-node")).ToHaveCountAsync(versions);
        await Chromium.ScreenshotAsync(page, "models");
    }

    [Fact]
    public async Task A_viewer_sees_no_start_button_and_a_form_posted_from_another_site_is_refused()
    {
        var page = await SignInAsync(_viewer);

        Assert.Equal("viewer", await page.Locator("#session-role").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#start-run-form").CountAsync());

        // Another site's page, in the same browser, that posts a form to the server: the cookie stays home
        // (SameSite=Strict), and without the CSRF token the change would be refused anyway.
        var attacker = await page.Context.NewPageAsync();
        await attacker.RouteAsync("http://attacker.test/**", route => route.FulfillAsync(new()
        {
            ContentType = "text/html",
            Body = $"<form id='f' method='post' action='{new Uri(_server.Url, "/api/runs")}'><input name='workflow' value='demo-pipeline'></form><script>document.getElementById('f').submit()</script>",
        }));
        var response = await attacker.RunAndWaitForResponseAsync(() => attacker.GotoAsync("http://attacker.test/"), r => r.Url.EndsWith("/api/runs"));

        Assert.True(response.Status is 401 or 403, $"a forged form post got {response.Status}");
        using var api = _server.Client(_viewer);
        Assert.Empty((await api.GetFromJsonAsync<JsonObject>("/api/runs"))!["runs"]!.AsArray());
    }
}

/// <summary>The browser tests one at a time: each drives a Chromium and a server on the machine's two cores.</summary>
[CollectionDefinition(nameof(DashboardCollection), DisableParallelization = true)]
public sealed class DashboardCollection;
