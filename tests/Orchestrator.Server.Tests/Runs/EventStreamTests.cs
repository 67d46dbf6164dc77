using System.Text.Json.Nodes;
using Orchestrator.Core.Access;
using Orchestrator.Core.Engine;
using Orchestrator.Server.Tests.Api;

namespace Orchestrator.Server.Tests.Runs;

/// <summary>Server-Sent Events over real HTTP: a step committed to the store reaches a subscriber, and a finished run ends the stream.</summary>
public sealed class EventStreamTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_committed_step_and_the_finish_arrive_as_events()
    {
        var now = DateTimeOffset.UtcNow;
        await _server.Stores.Runs.CreateRunAsync(new RunRecord
        {
            Id = "live", WorkflowId = "w", WorkflowVersion = 1, DefinitionHash = "sha256:abc", Definitions = [], Inputs = [], Seed = 1, CreatedAt = now, UpdatedAt = now,
        }, None);
        using var client = _server.Client(await _server.KeyAsync(ApiKeyRole.Viewer, "v"));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await client.GetAsync("/api/runs/live/events", HttpCompletionOption.ResponseHeadersRead, guard.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(guard.Token));

        Assert.Equal("run", (await NextEventAsync(reader, guard.Token)).Name);
        var step = new StepRecord { Key = "train", StepId = "train", Pointer = "/steps/0", Kind = "set" };
        await _server.Stores.Runs.BeginStepAsync("live", step, DateTimeOffset.UtcNow, None);
        await _server.Stores.Runs.CommitStepAsync("live", step with { Status = StepStatus.Succeeded, Attempts = 1, EndedAt = DateTimeOffset.UtcNow, Output = new JsonObject { ["loss"] = 0.5 } },
            new JsonObject(), DateTimeOffset.UtcNow, None);
        await _server.Stores.Runs.UpdateRunStatusAsync("live", RunStatus.Succeeded, null, null, DateTimeOffset.UtcNow, None);

        var events = new List<(string Name, JsonObject Data)>();
        for (var e = await NextEventAsync(reader, guard.Token); ; e = await NextEventAsync(reader, guard.Token))
        {
            events.Add(e);
            if (e.Name == "run") break;
        }
        var committed = events.Last(e => e.Name == "step").Data;
        Assert.Equal("train", (string)committed["key"]!);
        Assert.Equal("succeeded", (string)committed["status"]!);
        Assert.Equal(0.5, (double)committed["output"]!["loss"]!);
        Assert.Equal("succeeded", (string)events[^1].Data["status"]!);
        Assert.Null(await reader.ReadLineAsync(guard.Token)); // the server ended the stream
    }

    private static async Task<(string Name, JsonObject Data)> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null, data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
            else if (line.Length == 0 && name is not null) return (name, JsonNode.Parse(data!)!.AsObject());
        }
        throw new EndOfStreamException("the stream ended before the next event");
    }
}
