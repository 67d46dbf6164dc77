using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Orchestrator.Cli.Tests.Distribution;
using Orchestrator.Cli.Tests.Support;
using Orchestrator.Core.Access;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Storage;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// Many demo-pipeline runs started at once through <c>serve</c>'s API, in waves: on SQLite all execute in the server's
/// process; on PostgreSQL they are queued and three worker processes execute them. Every run must succeed, each step
/// exactly once (the flaky step three times, as it is written to), with the same journal as every other run. The
/// figures (throughput, p95 latency, peak memory, memory after each quarter of the runs and after each wave, store
/// size) are printed; a second wave as large as the first shows whether memory grows with the runs that have finished.
/// ORCHESTRATOR_RELIABILITY_RUNS (per wave) and ORCHESTRATOR_RELIABILITY_WAVES set the size (tests/reliability/load.sh).
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class ConcurrentRunsTests(ITestOutputHelper output)
{
    private static readonly CancellationToken None = CancellationToken.None;
    // Small by default, so the suite stays quick; workers take queued runs at Hangfire's polling pace, so there one run per worker.
    private static int PerWave(string backend) => Setting("ORCHESTRATOR_RELIABILITY_RUNS", backend == "sqlite" ? 30 : 3);
    private static int Waves(string backend) => Setting("ORCHESTRATOR_RELIABILITY_WAVES", backend == "sqlite" ? 2 : 1);
    private static int Setting(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var n) && n > 0 ? n : fallback;

    /// <summary>
    /// SQLite always; PostgreSQL with three workers when a size is given (tests/reliability/load.sh gives one): its
    /// runs wait on Hangfire's polling, so even three cost the suite some 40 s, and the worker tests under
    /// Distribution already hold workers to exactly once on every commit.
    /// </summary>
    public static TheoryData<string> Backends =>
        Environment.GetEnvironmentVariable("ORCHESTRATOR_RELIABILITY_RUNS") is null ? new() { "sqlite" } : new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Demo_runs_started_at_once_each_complete_exactly_once(string backend)
    {
        var (perWave, waves) = (PerWave(backend), Waves(backend));
        using var store = new TestStore(backend);
        string key;
        using (var stores = StoreFactory.Open(store.Location, store.Artifacts)) key = await CreateOperatorKeyAsync(stores);
        await using var server = await ServeProcess.StartAsync(store);
        var workers = backend == "postgres"
            ? [.. await Task.WhenAll(Enumerable.Range(0, 3).Select(w => WorkerProcess.StartAsync(store, $"load-{w}", "--concurrency", "8")))]
            : new List<WorkerProcess>();
        try
        {
            var executing = backend == "postgres" ? workers.Select(w => w.Pid).ToList() : [server.ProcessId];
            await using var memory = new MemorySampler(executing);
            using var stores = StoreFactory.Open(store.Location, store.Artifacts);
            using var client = server.Client(key);
            var figures = new LoadFigures(perWave * waves, perWave);
            for (var wave = 0; wave < waves; wave++)
            {
                var clock = Stopwatch.StartNew();
                var ids = Enumerable.Range(wave * perWave, perWave).Select(i => $"load-{i:D6}").ToList();
                using var gate = new SemaphoreSlim(16);
                await Task.WhenAll(ids.Select(async id =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        var started = await client.PostAsJsonAsync("/api/runs", new { workflow = "demo-pipeline", id, queue = backend == "postgres" ? "default" : null });
                        Assert.True(started.StatusCode == HttpStatusCode.Accepted, $"{id}: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync()}");
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
                var submitted = clock.Elapsed;
                await WaitForAsync(stores, (wave + 1) * perWave, figures, memory);
                figures.Wave(wave + 1, submitted, clock.Elapsed, memory.Now());
            }

            var runs = (await stores.Runs.ListRunsAsync(int.MaxValue, None)).Where(r => r.Id.StartsWith("load-", StringComparison.Ordinal)).ToList();
            Assert.Equal(perWave * waves, runs.Count);
            Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));
            await AssertEachStepRanOnceAsync(stores, runs);
            figures.Latencies(runs.Select(r => r.UpdatedAt - r.CreatedAt));
            output.WriteLine($"{backend}, {(workers.Count == 0 ? "one serve process" : $"{workers.Count} workers")}: " +
                             figures.Report(memory.Peak, await StoreBytesAsync(store)));
        }
        finally
        {
            foreach (var worker in workers) await worker.DisposeAsync();
        }
    }

    private static async Task<string> CreateOperatorKeyAsync(OrchestratorStores stores)
    {
        var secret = ApiKeySecrets.Generate();
        await stores.Keys.CreateKeyAsync(new ApiKeyRecord
        {
            Name = "load", Role = ApiKeyRole.Operator, Hash = ApiKeySecrets.Hash(secret), Prefix = ApiKeySecrets.Prefix(secret), CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow,
        }, None);
        return secret;
    }

    /// <summary>Until <paramref name="total"/> runs have succeeded, noting memory as each quarter of all runs is passed; any failed run ends it.</summary>
    private static async Task WaitForAsync(OrchestratorStores stores, int total, LoadFigures figures, MemorySampler memory)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        // Offset probes: "is there a succeeded run at position k-1?" is a count that reads one row.
        async Task<bool> AtLeastAsync(int count) => (await stores.Runs.QueryRunsAsync(new RunQuery(null, RunStatus.Succeeded, count - 1, 1), guard.Token)).Runs.Count == 1;
        while (!await AtLeastAsync(total))
        {
            if ((await stores.Runs.QueryRunsAsync(new RunQuery(null, RunStatus.Failed, 0, 1), guard.Token)).Runs is [var failed])
                Assert.Fail($"run {failed.Id} failed: {failed.Error?.Message}");
            while (figures.NextMark is { } mark && mark <= total && await AtLeastAsync(mark)) figures.Mark(mark, memory.Now());
            await Task.Delay(250, guard.Token);
        }
        while (figures.NextMark is { } mark && mark <= total) figures.Mark(mark, memory.Now());
    }

    /// <summary>Every step committed once and succeeded (the flaky one on its third attempt), and every run's journal the same.</summary>
    private static async Task AssertEachStepRanOnceAsync(OrchestratorStores stores, IReadOnlyList<RunRecord> runs)
    {
        string? shape = null;
        foreach (var run in runs)
        {
            var steps = await stores.Runs.GetStepsAsync(run.Id, None);
            Assert.Equal(steps.Count, steps.Select(s => s.Key).Distinct().Count());
            foreach (var step in steps)
            {
                Assert.Equal(StepStatus.Succeeded, step.Status);
                // A loop, a fan-out or a call is not attempted itself: only what it runs is.
                var expected = step.Kind is "loop" or "parallel" or "call" ? 0 : step.StepId == "flaky" ? 3 : 1;
                Assert.True(step.Attempts == expected, $"run {run.Id} step {step.Key} ({step.Kind}): {step.Attempts} attempts, not {expected}");
            }
            var keys = string.Join(",", steps.Select(s => s.Key).Order(StringComparer.Ordinal));
            shape ??= keys;
            Assert.True(shape == keys, $"run {run.Id} has another journal than the first run: {keys}");
            Assert.Equal(runs[0].Output!.ToJsonString(), run.Output!.ToJsonString());
        }
    }

    private static async Task<long> StoreBytesAsync(TestStore store)
    {
        if (store.Backend == "sqlite")
            return File.Exists(store.Location) ? Directory.GetFiles(Path.GetDirectoryName(store.Location)!, Path.GetFileName(store.Location) + "*").Sum(f => new FileInfo(f).Length)
                : new DirectoryInfo(store.Location).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        await using var connection = new NpgsqlConnection(store.Location);
        await connection.OpenAsync();
        await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await size.ExecuteScalarAsync())!;
    }
}
