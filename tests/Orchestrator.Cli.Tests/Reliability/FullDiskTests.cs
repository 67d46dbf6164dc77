using Orchestrator.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// A store on a disk that fills up mid-run: the command stops with a clear "no space" error naming the store
/// (not a stack trace), and once space is freed 'resume' finishes the run exactly as an uninterrupted one would:
/// every step committed once, every effect once.
/// </summary>
public sealed class FullDiskTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_disk_that_fills_mid_run_stops_it_naming_the_store_and_resume_completes_it_with_nothing_lost_or_repeated()
    {
        var reference = await StoreFaultRun.UninterruptedAsync();
        var points = StoreFaultRun.FaultPoints();
        var struck = 0;
        foreach (var point in points)
            if (await FillAfterAsync(point, reference)) struck++;
        output.WriteLine($"{points.Count} fault points, {struck} stopped the run, {points.Count - struck} absorbed (space the store already had, or the run had ended)");
        Assert.True(struck > 0, "the full disk never stopped the run");
    }

    /// <summary>True when the full disk stopped the run; false when the run had the space it needed already.</summary>
    private async Task<bool> FillAfterAsync(int steps, StoreFaultRun.End reference)
    {
        using var temp = new TempFolder();
        var file = temp.Write("store-fault.yaml", StoreFaultRun.Definition);
        using var disk = new SmallDisk(megabytes: 8);
        var store = disk.File("store");
        string? filler = null;
        var failed = await StoreFaultRun.RunWithFaultAsync(StoreFaultRun.Start(file, store, temp.Path), steps, () => filler = disk.Fill());

        Assert.NotNull(filler);
        if (failed.ExitCode == 0)
        {
            // SQLite reuses its write-ahead log from the start once it has been folded into the file, so late in a
            // run the last commits may fit in space the store already holds (and on a loaded machine the test may
            // read line k only after the run has ended): then nothing failed, and nothing may differ.
            StoreFaultRun.AssertSame(reference, await StoreFaultRun.EndOfAsync(failed.Stdout, store, temp.Path));
            output.WriteLine($"full after {steps} steps: the run needed no new space and finished");
            return false;
        }
        Assert.True(failed.ExitCode == 74, $"full after {steps} steps: exit {failed.ExitCode}, not 74 (the store failed):\n{failed.Stderr}");
        Assert.Contains("no space left on the disk holding the store", failed.Stderr);
        Assert.Contains(Path.Combine(store, "orchestrator.db"), failed.Stderr);
        Assert.Contains("orchestrator resume", failed.Stderr);
        Assert.DoesNotContain("internal error", failed.Stderr);
        Assert.DoesNotContain("   at ", failed.Stderr);
        // At most all of them: the disk may fill after the last step, when the run is being marked succeeded.
        var committedAtFailure = await StoreFaultRun.CommittedAsync(store);

        File.Delete(filler);
        var resumed = await CliProcess.RunAsync(temp.Path, StoreFaultRun.Resume(store));
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);

        StoreFaultRun.AssertSame(reference, await StoreFaultRun.EndOfAsync(resumed.Stdout, store, temp.Path));
        // An attempt runs again only if its commit was the one the full disk refused; none committed before ran twice.
        var repeated = StoreFaultRun.Repeated(temp.Path);
        Assert.DoesNotContain(repeated, committedAtFailure.Contains);
        output.WriteLine($"full after {steps} steps: {committedAtFailure.Count} of {reference.Committed.Count} committed; {failed.Stderr.Split('\n').First(l => l.StartsWith("error:"))}; re-attempted after resume: {string.Join(", ", repeated)}");
        return true;
    }
}
