using Orchestrator.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// The PostgreSQL server stopped mid-run and started again. The behaviour chosen is "fails resumable": the command
/// does not wait for a server that may be gone for good; it stops at once with an error naming the store (exit 74),
/// the step in flight is not committed, and after the restart 'resume' finishes the run as an uninterrupted one.
/// </summary>
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_server_stopped_mid_run_fails_it_naming_the_store_and_after_the_restart_resume_completes_it_once()
    {
        var reference = await StoreFaultRun.UninterruptedAsync();
        using var server = new PrivatePostgres();
        var points = StoreFaultRun.FaultPoints();
        var struck = 0;
        for (var i = 0; i < points.Count; i++)
            if (await StopAfterAsync(server, $"fault_{i}", points[i], reference)) struck++;
        output.WriteLine($"{points.Count} fault points, {struck} stopped the run, {points.Count - struck} came after it had ended");
        Assert.True(struck > 0, "stopping the server never stopped the run");
    }

    /// <summary>True when stopping the server stopped the run; false when the run had ended before the stop took effect.</summary>
    private async Task<bool> StopAfterAsync(PrivatePostgres server, string database, int steps, StoreFaultRun.End reference)
    {
        using var temp = new TempFolder();
        var file = temp.Write("store-fault.yaml", StoreFaultRun.Definition);
        var store = server.CreateDatabase(database);

        var failed = await StoreFaultRun.RunWithFaultAsync(StoreFaultRun.Start(file, store, temp.Path), steps, server.Stop);
        server.Start();

        if (failed.ExitCode == 0)
        {
            // The test reads the step lines through a pipe; on a loaded machine it may read line k after the run has ended.
            StoreFaultRun.AssertSame(reference, await StoreFaultRun.EndOfAsync(failed.Stdout, store, temp.Path));
            output.WriteLine($"stopped after {steps} steps: the run had ended");
            return false;
        }
        Assert.True(failed.ExitCode == 74, $"stopped after {steps} steps: exit {failed.ExitCode}, not 74 (the store failed):\n{failed.Stderr}");
        Assert.Contains($"lost the connection to the PostgreSQL store postgresql://orchestrator@127.0.0.1:{server.Port}/{database}", failed.Stderr);
        Assert.Contains("orchestrator resume", failed.Stderr);
        Assert.DoesNotContain("internal error", failed.Stderr);
        Assert.DoesNotContain("   at ", failed.Stderr);
        // At most all of them: the stop may land after the last step, when the run is being marked succeeded.
        var committedAtFailure = await StoreFaultRun.CommittedAsync(store);

        var resumed = await CliProcess.RunAsync(temp.Path, StoreFaultRun.Resume(store));
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);

        StoreFaultRun.AssertSame(reference, await StoreFaultRun.EndOfAsync(resumed.Stdout, store, temp.Path));
        var repeated = StoreFaultRun.Repeated(temp.Path);
        Assert.DoesNotContain(repeated, committedAtFailure.Contains);
        output.WriteLine($"stopped after {steps} steps: {committedAtFailure.Count} of {reference.Committed.Count} committed; {failed.Stderr.Split('\n').First(l => l.StartsWith("error:"))}; re-attempted after resume: {string.Join(", ", repeated)}");
        return true;
    }
}
