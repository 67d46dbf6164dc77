using System.Diagnostics;
using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Meta;

/// <summary>Stopping an outer run while one of its trials runs cancels both (not a failed trial), and resume finishes the trial.</summary>
public sealed class TrialCancellationTests
{
    private const string Target = """
        id: napper
        inputs: { model: { type: string, default: napper } }
        state: { frontier: 8 }
        steps:
          - { id: nap, uses: wait, with: { duration: 4s } }
          - { id: learn, uses: set, with: { frontier: 10 } }
        output: "${ { frontier: state.frontier, baseFrontier: 8, trainingSteps: 1400, baseTrainingSteps: 1000 } }"
        """;

    private const string Outer = """
        id: outer
        steps:
          - { id: trial, uses: meta/trial, with: { target: napper, seeds: [1] } }
        output: "${ steps.trial.output.meanRate }"
        """;

    [Fact]
    public async Task Ctrl_c_during_a_trial_cancels_the_outer_run_and_resume_finishes_it()
    {
        using var store = new TestStore("sqlite");
        Assert.Equal(0, (await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", store.Folder.Write("napper.yaml", Target)))).ExitCode);
        var outer = store.Folder.Write("outer.yaml", Outer);

        using var process = Process.Start(CliProcess.StartInfo(store.Folder.Path, store.Args("run", outer, "--id", "o")))!;
        var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        // Until the trial's run is under way (or the command ended early, which the assertions below then report).
        while (!process.HasExited && !await TrialRunStartedAsync(store)) await Task.Delay(200);
        await Interrupt.SendAsync(process);
        await process.WaitForExitAsync();
        var (stdout, stderr) = ((await output)[0], (await output)[1]);

        Assert.True(process.ExitCode == 130, stdout + stderr);
        Assert.Equal("cancelled", await StatusAsync(store, "o"));
        Assert.Equal("cancelled", await StatusAsync(store, "o.trial.s1"));

        var resumed = await CliProcess.RunAsync(store.Folder.Path, store.Args("resume", "o", "--json"));
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Assert.Equal(5.0, JsonNode.Parse(resumed.Stdout)!["output"]!.GetValue<double>());   // 2 lengths in 400 steps
        Assert.Equal("succeeded", await StatusAsync(store, "o.trial.s1"));
    }

    private static async Task<bool> TrialRunStartedAsync(TestStore store) => await StatusAsync(store, "o.trial.s1") == "running";

    private static async Task<string?> StatusAsync(TestStore store, string runId)
    {
        var runs = await CliProcess.RunAsync(store.Folder.Path, store.Args("runs", "--json"));
        return runs.ExitCode != 0 ? null
            : JsonNode.Parse(runs.Stdout)!.AsArray().FirstOrDefault(r => r!["id"]!.GetValue<string>() == runId)?["status"]!.GetValue<string>();
    }
}
