using Orchestrator.Core.Access;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// Many Server-Sent Event streams opened at once on every streaming route, each read to its first event, then dropped
/// by the client: the server serves them all, keeps answering, and gives back every socket once they are gone.
/// ORCHESTRATOR_RELIABILITY_STREAMS sets how many (tests/reliability/server-attack.sh opens 1,000).
/// </summary>
public sealed class EventStreamFloodTests(AttackedServer attacked, ITestOutputHelper output) : IClassFixture<AttackedServer>
{
    private static int Streams => int.TryParse(Environment.GetEnvironmentVariable("ORCHESTRATOR_RELIABILITY_STREAMS"), out var n) ? n : 200;

    [Fact]
    public async Task Dropped_event_streams_release_their_connections()
    {
        var viewer = attacked.Keys[ApiKeyRole.Viewer];
        var streaming = new List<AttackedServer.Route>();
        foreach (var route in attacked.Routes.Where(r => r.Method == "GET"))
            if ((await attacked.SendAsync("GET", route.PathFor(AttackedServer.StreamedRun), viewer)).MediaType == "text/event-stream")
                streaming.Add(route);
        Assert.Contains(streaming, r => r.Pattern == "/api/runs/{id}/events");
        await SettleAsync(int.MaxValue);
        var (before, rssBefore) = (attacked.OpenSockets(), attacked.ResidentMegabytes());

        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        var client = new HttpClient(handler) { BaseAddress = attacked.Server.Url, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new("Bearer", viewer);
        var open = new List<(HttpResponseMessage Response, StreamReader Reader)>();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var gate = new SemaphoreSlim(50);
        var opening = Enumerable.Range(0, Streams).Select(async i =>
        {
            await gate.WaitAsync(guard.Token);
            try
            {
                var route = streaming[i % streaming.Count];
                var response = await client.GetAsync(route.PathFor(AttackedServer.StreamedRun), HttpCompletionOption.ResponseHeadersRead, guard.Token);
                Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
                var reader = new StreamReader(await response.Content.ReadAsStreamAsync(guard.Token));
                Assert.StartsWith("event: run", await reader.ReadLineAsync(guard.Token));
                lock (open) open.Add((response, reader));
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(opening);
        var (during, rssDuring) = (attacked.OpenSockets(), attacked.ResidentMegabytes());
        using (var health = attacked.Server.Client()) Assert.True((await health.GetAsync("/healthz", guard.Token)).IsSuccessStatusCode, "the server stopped answering with the streams open");

        foreach (var (response, reader) in open)
        {
            reader.Dispose();
            response.Dispose();
        }
        client.Dispose();
        var after = await SettleAsync(before);
        output.WriteLine($"{Streams} streams on {string.Join(", ", streaming)}: server sockets {before} before, {during} while open, {after} after they were dropped; server RSS {rssBefore} MB before, {rssDuring} MB while open, {attacked.ResidentMegabytes()} MB after");

        Assert.True(during >= before + Streams, $"{Streams} streams open, but the server held only {during} sockets (before: {before})");
        Assert.True(after <= before + 2, $"{Streams} streams dropped: the server holds {after} sockets, {before} before they were opened");
        using var again = attacked.Server.Client(viewer);
        using var fresh = await again.GetAsync($"/api/runs/{AttackedServer.StreamedRun}/events", HttpCompletionOption.ResponseHeadersRead, guard.Token);
        Assert.Equal("text/event-stream", fresh.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Waits (a minute at most) for the server's sockets to fall to <paramref name="target"/> or stop changing, and returns the count.</summary>
    private async Task<int> SettleAsync(int target)
    {
        var (count, stable) = (attacked.OpenSockets(), 0);
        for (var i = 0; i < 240 && count > target && stable < 20; i++)
        {
            await Task.Delay(250);
            var now = attacked.OpenSockets();
            stable = now == count ? stable + 1 : 0;
            count = now;
        }
        return count;
    }
}
