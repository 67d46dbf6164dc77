using Orchestrator.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// A store on a read-only file system (a read-only bind mount of its disk; root ignores file modes, so chmod
/// proves nothing here). Linux refuses to remount a disk read-only while a run has its files open for writing,
/// so the fault meets a run between two processes: interrupted, then resumed on a store that became read-only.
/// </summary>
public sealed class ReadOnlyStoreTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Resuming_on_a_read_only_store_fails_naming_it_and_changes_nothing_then_resumes_once_writable()
    {
        using var temp = new TempFolder();
        var file = temp.Write("store-fault.yaml", StoreFaultRun.Definition);
        var reference = await StoreFaultRun.UninterruptedAsync();

        using var disk = new SmallDisk(megabytes: 16);
        var store = disk.File("store");
        await StoreFaultRun.RunAndKillAsync(StoreFaultRun.Start(file, store, temp.Path), steps: 5);
        var committedBefore = await StoreFaultRun.CommittedAsync(store);
        var readOnly = Path.Combine(disk.ReadOnlyView(), "store");

        var refused = await CliProcess.RunAsync(temp.Path, StoreFaultRun.Resume(readOnly));
        output.WriteLine(refused.Stderr);
        Assert.True(refused.ExitCode == 2, $"exit {refused.ExitCode}:\n{refused.Stderr}");
        Assert.Contains(Path.Combine(readOnly, "orchestrator.db"), refused.Stderr);
        Assert.Contains("read-only", refused.Stderr);
        Assert.DoesNotContain("internal error", refused.Stderr);
        Assert.DoesNotContain("   at ", refused.Stderr);
        Assert.Equal(committedBefore.Order(), (await StoreFaultRun.CommittedAsync(store)).Order());

        var resumed = await CliProcess.RunAsync(temp.Path, StoreFaultRun.Resume(store));
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        StoreFaultRun.AssertSame(reference, await StoreFaultRun.EndOfAsync(resumed.Stdout, store, temp.Path));
    }
}
