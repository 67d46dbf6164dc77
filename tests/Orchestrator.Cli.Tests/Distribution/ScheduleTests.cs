using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Distribution;

/// <summary>
/// Schedules fire through Hangfire's recurring jobs, registered from our store: with two workers, each fire starts
/// one run (its id derives from the fire time); the schedule outlives both workers; overlap: skip journals a skip.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class ScheduleTests(ITestOutputHelper output)
{
    private const string Quick = """
        id: scheduled
        version: 1
        inputs:
          effects: { type: string }
          work: { type: string, default: 10ms }
        steps:
          - id: touch
            uses: sample/append
            with: { file: "${inputs.effects}", text: "fired", work: "${inputs.work}" }
        """;

    /// <summary>Misfires: fires due while no worker ran give one run in all (Hangfire's relaxed policy), not one each.</summary>
    [Fact]
    public async Task A_seconds_cron_fires_one_run_per_fire_across_two_workers_and_once_for_all_missed_fires_after_both_restart()
    {
        using var store = new TestStore("postgres");
        var effects = store.Folder.File("effects.txt");
        await PublishAsync(store, Quick);
        var scheduled = await CliProcess.RunAsync(store.Folder.Path, store.Args("schedule", "scheduled", "--cron", "*/2 * * * * *", "--name", "every-2s", "-i", $"effects={effects}"));
        Assert.True(scheduled.ExitCode == 0, scheduled.Stderr);
        Assert.Contains("every-2s", scheduled.Stdout);

        var first = await RunForAsync(store, TimeSpan.FromSeconds(9));
        Assert.InRange(first.Count, 3, 6);
        AssertOneRunPerFire(first);

        // Both workers are gone: the schedule is still in the store, and new workers fire it again.
        var listed = await CliProcess.RunAsync(store.Folder.Path, store.Args("schedules", "--json"));
        var schedule = Assert.Single(JsonNode.Parse(listed.Stdout)!.AsArray())!;
        Assert.Equal("*/2 * * * * *", (string)schedule["cron"]!);
        Assert.NotNull(schedule["lastRun"]);
        var stopped = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(8)); // four fires are due with no worker to fire them
        var restarted = DateTimeOffset.UtcNow;
        var second = await RunForAsync(store, TimeSpan.FromSeconds(7));
        Assert.True(second.Count > first.Count, $"no fire after the restart: {second.Count} runs, {first.Count} before");
        AssertOneRunPerFire(second);
        var forMissed = second.Count(r => FireTime(r) > stopped && FireTime(r) < restarted.AddSeconds(1));
        Assert.InRange(forMissed, 0, 1);
        // Every run after the restart is either the one for the missed fires or a regular fire since.
        Assert.InRange(second.Count - first.Count, 2, 6);
        Assert.Equal(second.Count, File.ReadAllLines(effects).Length);
    }

    [Fact]
    public async Task Overlap_skip_journals_a_skipped_fire_while_the_last_run_is_going_and_trigger_fires_now()
    {
        using var store = new TestStore("postgres");
        var effects = store.Folder.File("effects.txt");
        await PublishAsync(store, Quick);
        var scheduled = await CliProcess.RunAsync(store.Folder.Path, store.Args("schedule", "scheduled", "--cron", "0 3 * * *", "--name", "slow",
            "--overlap", "skip", "-i", $"effects={effects}", "-i", "work=6s"));
        Assert.True(scheduled.ExitCode == 0, scheduled.Stderr);
        await using var worker = await WorkerProcess.StartAsync(store, "w", "--concurrency", "2");

        var fired = await CliProcess.RunAsync(store.Folder.Path, store.Args("schedule", "slow", "--trigger"));
        Assert.True(fired.ExitCode == 0, fired.Stderr);
        var runId = fired.Stdout.Trim();
        Assert.StartsWith("slow-", runId);
        await WorkerKillTests.WaitForStatusAsync(store, runId, "running", TimeSpan.FromSeconds(30));
        await Task.Delay(1100); // the next trigger is another second, so another fire
        var skipped = await CliProcess.RunAsync(store.Folder.Path, store.Args("schedule", "slow", "--trigger"));
        Assert.True(skipped.ExitCode == 0, skipped.Stderr);
        Assert.Equal("", skipped.Stdout.Trim());
        Assert.Contains($"skipped", skipped.Stderr);
        Assert.Contains(runId, skipped.Stderr);
        await WorkerKillTests.WaitForStatusAsync(store, runId, "succeeded", TimeSpan.FromSeconds(60));
        output.WriteLine(worker.Output);
        Assert.Single(File.ReadAllLines(effects));
    }

    private static async Task PublishAsync(TestStore store, string definition)
    {
        var file = store.Folder.Write("scheduled.yaml", definition);
        var published = await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", file));
        Assert.True(published.ExitCode == 0, published.Stderr);
    }

    /// <summary>Two workers serve for a while and stop; the schedule's runs so far, from the store.</summary>
    private async Task<List<JsonObject>> RunForAsync(TestStore store, TimeSpan time)
    {
        await using (var a = await WorkerProcess.StartAsync(store, "a"))
        await using (var b = await WorkerProcess.StartAsync(store, "b"))
        {
            await Task.Delay(time);
            await a.StopAsync(TimeSpan.FromSeconds(30));
            await b.StopAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"--- a\n{a.Output}\n--- b\n{b.Output}");
        }
        // Give the last fire's run a moment on no worker: it stays queued, and counts as the fire it is.
        var runs = await CliProcess.RunAsync(store.Folder.Path, store.Args("runs", "--json", "--limit", "1000"));
        return JsonNode.Parse(runs.Stdout)!.AsArray().Select(r => (JsonObject)r!).Where(r => ((string)r["id"]!).StartsWith("every-2s-", StringComparison.Ordinal)).ToList();
    }

    private static DateTimeOffset FireTime(JsonObject run) =>
        DateTimeOffset.ParseExact(((string)run["id"]!)["every-2s-".Length..], "yyyyMMdd'T'HHmmss'Z'", null, System.Globalization.DateTimeStyles.AssumeUniversal);

    private static void AssertOneRunPerFire(List<JsonObject> runs)
    {
        // Run ids carry the fire time to the second: distinct ids, each an even second of the */2 cron.
        var ids = runs.Select(r => (string)r["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var id in ids) Assert.True(int.Parse(id[^3..^1]) % 2 == 0, $"{id} is not on an even second");
    }
}
