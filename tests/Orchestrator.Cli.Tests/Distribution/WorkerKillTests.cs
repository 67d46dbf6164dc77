using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Distribution;

/// <summary>
/// The engine owns the state, Hangfire only delivers: three real worker processes on one PostgreSQL store, and the
/// one executing a run is SIGKILLed mid-step three times. Another worker resumes it each time, bounded by
/// --requeue-after (Hangfire fetches the dead worker's job again) and the run's lease (a dead holder on this machine
/// is replaced at once). Every committed step ran once, and the end equals an uninterrupted run's.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class WorkerKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sigkill_of_the_worker_holding_a_run_three_times_leaves_it_to_the_others_with_each_step_committed_once()
    {
        using var store = new TestStore("postgres");
        var file = store.Folder.Write("steps.yaml", DistributedWorkflows.Steps);
        var reference = await ReferenceRunAsync(store.Folder, file);

        var effects = store.Folder.File("effects.txt");
        var audit = store.Folder.File("audit.txt");
        var workers = new List<WorkerProcess>();
        try
        {
            for (var i = 0; i < 3; i++) workers.Add(await WorkerProcess.StartAsync(store, $"w{i}", "--requeue-after", "5s", "--concurrency", "1"));
            var enqueued = await CliProcess.RunAsync(store.Folder.Path, store.Args("enqueue", file, "--id", "killed", "--seed", "5", "-i", $"effects={effects}", "-i", $"audit={audit}"));
            Assert.True(enqueued.ExitCode == 0, enqueued.Stderr);

            for (var kill = 0; kill < 3; kill++)
            {
                // Mid-step: the holder has begun a step beyond the ones committed when we last looked.
                var before = AuditLines(audit).Count;
                var holder = await WaitForHolderAsync(store, workers, () => AuditLines(audit).Count > before);
                output.WriteLine($"kill {kill + 1}: SIGKILL {holder.Name} (pid {holder.Pid}) after {AuditLines(audit).Count} attempts");
                await holder.KillAsync();
                workers.Remove(holder);
                workers.Add(await WorkerProcess.StartAsync(store, $"w{3 + kill}", "--requeue-after", "5s", "--concurrency", "1"));
            }

            var run = await WaitForStatusAsync(store, "killed", "succeeded", TimeSpan.FromMinutes(3));
            Assert.Equal(reference["output"]!.ToJsonString(), run["output"]!.ToJsonString());
            var journal = await JournalKeysAsync(store, "killed");
            Assert.Equal(Keys(reference), journal);

            // The effect of every step is there once; an attempt was repeated only where a worker died inside it.
            var effectLines = File.ReadAllLines(effects);
            Assert.Equal(8, effectLines.Length);
            Assert.Equal(8, effectLines.Select(l => l.Split('\t')[0]).Distinct().Count());
            var attempts = AuditLines(audit).GroupBy(l => l.Split('\t')[0]).ToDictionary(g => g.Key, g => g.Count());
            Assert.InRange(attempts.Values.Sum(), 8, 8 + 3);
            output.WriteLine($"attempts: {string.Join(", ", attempts.Select(a => $"{a.Key} x{a.Value}"))}");
        }
        finally
        {
            foreach (var worker in workers)
            {
                output.WriteLine($"--- {worker.Name}\n{worker.Output}");
                await worker.DisposeAsync();
            }
        }
    }

    private static List<string> AuditLines(string audit) => File.Exists(audit) ? [.. File.ReadAllLines(audit)] : [];

    private static async Task<WorkerProcess> WaitForHolderAsync(TestStore store, IReadOnlyList<WorkerProcess> workers, Func<bool> midStep)
    {
        for (var tries = 0; tries < 1200; tries++)
        {
            if (midStep() && await RunLease.HolderPidAsync(store, "killed") is { } pid && workers.FirstOrDefault(w => w.Pid == pid) is { } holder)
                return holder;
            await Task.Delay(50);
        }
        throw new TimeoutException("no worker took the run:\n" + string.Join("\n", workers.Select(w => w.Output)));
    }

    public static async Task<JsonObject> WaitForStatusAsync(TestStore store, string runId, string status, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        JsonObject? run = null;
        while (clock.Elapsed < timeout)
        {
            var shown = await CliProcess.RunAsync(store.Folder.Path, store.Args("show", runId, "--json"));
            if (shown.ExitCode is 0 or 1 && JsonNode.Parse(shown.Stdout) is JsonObject document)
            {
                run = document;
                if ((string?)run["status"] == status) return run;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"run {runId} is not {status} after {timeout}: {run?.ToJsonString()}");
    }

    /// <summary>The same run, uninterrupted, in-process on a SQLite store: its <c>show --json</c> document.</summary>
    private static async Task<JsonObject> ReferenceRunAsync(TempFolder folder, string file)
    {
        var store = folder.File("reference-store");
        var ran = await CliProcess.RunAsync(folder.Path, CliProcess.With(store, "run", file, "--id", "killed", "--seed", "5",
            "-i", $"effects={folder.File("reference-effects.txt")}", "-i", $"audit={folder.File("reference-audit.txt")}"));
        Assert.True(ran.ExitCode == 0, ran.Stderr);
        var shown = await CliProcess.RunAsync(folder.Path, CliProcess.With(store, "show", "killed", "--json"));
        return (JsonObject)JsonNode.Parse(shown.Stdout)!;
    }

    private static async Task<List<string>> JournalKeysAsync(TestStore store, string runId)
    {
        var shown = await CliProcess.RunAsync(store.Folder.Path, store.Args("show", runId, "--json"));
        return Keys(JsonNode.Parse(shown.Stdout)!);
    }

    private static List<string> Keys(JsonNode document) =>
        (document["steps"] as JsonArray ?? []).Select(s => $"{s!["key"]}:{s["status"]}").Order(StringComparer.Ordinal).ToList();
}
