using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Access;
using Orchestrator.Core.Engine;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Tests.Api;

namespace Orchestrator.Server.Tests.Runs;

/// <summary>Event streams are bounded: past the limit a new one is a 429 problem, and a dropped one gives its slot back.</summary>
public sealed class EventStreamLimitTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new ServerOptions { MaxEventStreams = 2 });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_stream_past_the_limit_is_refused_until_one_is_dropped()
    {
        var now = DateTimeOffset.UtcNow;
        await _server.Stores.Runs.CreateRunAsync(new RunRecord
        {
            Id = "live", WorkflowId = "w", WorkflowVersion = 1, DefinitionHash = "sha256:abc", Definitions = [], Inputs = [], Seed = 1, CreatedAt = now, UpdatedAt = now,
        }, CancellationToken.None);
        using var client = _server.Client(await _server.KeyAsync(ApiKeyRole.Viewer, "v"));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task<HttpResponseMessage> Open() => client.GetAsync("/api/runs/live/events", HttpCompletionOption.ResponseHeadersRead, guard.Token);

        var first = await Open();
        using var second = await Open();
        using var refused = await Open();

        Assert.Equal("text/event-stream", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("2 event streams", (string)(await refused.Content.ReadFromJsonAsync<JsonObject>(guard.Token))!["detail"]!);
        Assert.NotNull(refused.Headers.RetryAfter);

        first.Dispose(); // the client goes away; the server notices and gives the slot back
        HttpResponseMessage again;
        while ((again = await Open()).StatusCode == HttpStatusCode.TooManyRequests)
        {
            again.Dispose();
            await Task.Delay(50, guard.Token);
        }
        using (again) Assert.Equal("text/event-stream", again.Content.Headers.ContentType?.MediaType);
    }
}
