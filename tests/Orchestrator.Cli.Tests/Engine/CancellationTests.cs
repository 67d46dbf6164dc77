using System.Diagnostics;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Engine;

public sealed class CancellationTests
{
    [Fact]
    public async Task Ctrl_c_stops_at_a_step_boundary_with_exit_130_and_resume_finishes_the_run()
    {
        using var temp = new TempFolder();
        var file = temp.Write("slow.yaml", """
            id: slow
            state: { done: 0 }
            steps:
              - { id: first, uses: set, with: { done: 1 } }
              - { id: nap, uses: wait, with: { duration: 3s } }
              - { id: last, uses: set, with: { done: 2 } }
            """);
        var store = temp.File("store");

        using var process = Process.Start(CliProcess.StartInfo(temp.Path, CliProcess.With(store, "run", file, "--id", "slow-1")))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        while (await process.StandardError.ReadLineAsync() is { } line && !line.Contains("ok   first", StringComparison.Ordinal)) { }
        await Interrupt.SendAsync(process);
        await process.WaitForExitAsync();
        await stdout;

        Assert.Equal(130, process.ExitCode);
        var show = await CliProcess.RunAsync(temp.Path, CliProcess.With(store, "show", "slow-1", "--json"));
        var run = JsonNode.Parse(show.Stdout)!;
        Assert.Equal("cancelled", run["status"]!.GetValue<string>());
        Assert.Equal(1, run["state"]!["done"]!.GetValue<int>());

        var resumed = await CliProcess.RunAsync(temp.Path, CliProcess.With(store, "resume", "slow-1", "--json"));
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Assert.Equal(2, JsonNode.Parse(resumed.Stdout)!["state"]!["done"]!.GetValue<int>());
        Assert.DoesNotContain("ok   first", resumed.Stderr);
    }
}
