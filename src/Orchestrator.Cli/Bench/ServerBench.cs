using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Orchestrator.Core.Access;
using Orchestrator.Core.Engine;
using Orchestrator.Server.Hosting;
using Orchestrator.Storage;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// The server's latency over loopback on a filled store: the runs list with many runs stored, a run page with a long
/// journal, and the time from a step's commit to its Server-Sent Event. The server is the real one on a real port;
/// requests go one at a time over a kept-alive connection, after a warm-up.
/// </summary>
public sealed class ServerBench(OrchestratorStores stores, int runs, int steps)
{
    private const string BigRun = "bench-journal";
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public sealed record Latency(string Route, int Requests, double P50, double P95, double Max, int Bytes);

    public async Task FillAsync(IProgress<string> progress, CancellationToken cancellationToken)
    {
        for (var i = 0; i < runs; i++)
        {
            await stores.Runs.CreateRunAsync(Run($"bench-{i:D5}", i % 3 == 0 ? RunStatus.Failed : RunStatus.Succeeded, T0.AddSeconds(i)), cancellationToken);
            if (i % 1000 == 999) progress.Report($"{i + 1:N0} of {runs:N0} runs stored");
        }
        await stores.Runs.CreateRunAsync(Run(BigRun, RunStatus.Running, T0.AddSeconds(runs)), cancellationToken);
        for (var i = 0; i < steps; i++)
        {
            var step = Step($"round/{i / 10}/step{i % 10}", T0.AddSeconds(runs + i));
            await stores.Runs.BeginStepAsync(BigRun, step, step.FirstStartedAt!.Value, cancellationToken);
            await stores.Runs.CommitStepAsync(BigRun, Committed(step), new JsonObject { ["round"] = i / 10 }, step.EndedAt!.Value, cancellationToken);
            if (i % 1000 == 999) progress.Report($"{i + 1:N0} of {steps:N0} journal entries stored");
        }
    }

    public async Task<(IReadOnlyList<Latency> Routes, IReadOnlyList<double> EventMilliseconds)> MeasureAsync(int requests, int events, CancellationToken cancellationToken)
    {
        var secret = await BenchKeys.CreateAsync(stores, cancellationToken);
        await using var server = await OrchestratorServer.StartAsync(stores, new ServerOptions { Urls = "http://127.0.0.1:0" }, cancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(server.Urls.Single()) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var routes = new List<Latency>();
        foreach (var route in new[] { "/api/runs?limit=50", "/api/runs?limit=50&offset=5000", "/api/runs?status=failed&limit=50", $"/api/runs/{BigRun}", $"/api/runs/{BigRun}?journal=brief", $"/api/runs/{BigRun}/curve" })
            routes.Add(await TimeAsync(client, route, requests, cancellationToken));
        return (routes, await EventLatencyAsync(client, events, cancellationToken));
    }

    private static async Task<Latency> TimeAsync(HttpClient client, string route, int requests, CancellationToken cancellationToken)
    {
        var bytes = 0;
        for (var i = 0; i < 10; i++) bytes = (await client.GetByteArrayAsync(route, cancellationToken)).Length;
        var times = new double[requests];
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(route, cancellationToken);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return new Latency(route, requests, Percentile(times, 0.50), Percentile(times, 0.95), times[^1], bytes);
    }

    /// <summary>Commits a step to the big run, then waits for its event on an open stream; once per event.</summary>
    private async Task<IReadOnlyList<double>> EventLatencyAsync(HttpClient client, int events, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"/api/runs/{BigRun}/events", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        await NextStepEventAsync(reader, null, cancellationToken); // the connection's first event is the run itself
        var times = new List<double>();
        for (var i = 0; i < events; i++)
        {
            var step = Step($"live/{i}", DateTimeOffset.UtcNow);
            await stores.Runs.BeginStepAsync(BigRun, step, DateTimeOffset.UtcNow, cancellationToken);
            await stores.Runs.CommitStepAsync(BigRun, Committed(step), new JsonObject(), DateTimeOffset.UtcNow, cancellationToken);
            var clock = Stopwatch.StartNew();
            await NextStepEventAsync(reader, step.Key, cancellationToken);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    /// <summary>Reads until the event for <paramref name="key"/> has been committed (any event when null).</summary>
    private static async Task NextStepEventAsync(StreamReader reader, string? key, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            if (key is null) return;
            var data = JsonNode.Parse(line[6..])!;
            if ((string?)data["key"] == key && (string?)data["status"] == "succeeded") return;
        }
        throw new EndOfStreamException("the event stream ended");
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static RunRecord Run(string id, RunStatus status, DateTimeOffset at) => new()
    {
        Id = id, WorkflowId = "self-improve-addition", WorkflowVersion = 1, DefinitionHash = "sha256:" + new string('0', 64), Definitions = [],
        Inputs = new JsonObject { ["rounds"] = 14, ["gateItems"] = 256 }, Seed = 7, Status = status, CreatedAt = at, UpdatedAt = at,
        StepsCommitted = 117, Position = "round",
    };

    private static StepRecord Step(string key, DateTimeOffset at) => new()
    {
        Key = key, StepId = key[(key.LastIndexOf('/') + 1)..], Pointer = "/steps/4/do/3", Kind = "learning/post-train", FirstStartedAt = at, EndedAt = at.AddSeconds(7),
    };

    /// <summary>A committed step with an output the size of a real training step's (model, steps, loss, tokens/s).</summary>
    private static StepRecord Committed(StepRecord step) => step with
    {
        Status = StepStatus.Succeeded, Attempts = 1,
        Output = new JsonObject
        {
            ["model"] = "addition@12", ["version"] = 12, ["parent"] = "addition@11", ["steps"] = 400, ["tokens"] = 160862, ["seconds"] = 12.2,
            ["loss"] = 0.0018789334571920335, ["tokensPerSecond"] = 13237, ["dataset"] = "sha256:" + new string('a', 64),
        },
    };
}
