using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Meta;

/// <summary>meta/trial reuses a run that already ran the same content, inputs and seed instead of running it again.</summary>
public sealed class TrialReuseTests
{
    private const string Trials = """
        id: trials
        steps:
          - { id: first, uses: meta/trial, with: { target: toy-loop, version: 1, seeds: [1, 2], inputs: { rounds: 2 } } }
          - { id: second, uses: meta/trial, with: { target: toy-loop, version: 1, seeds: [2, 3], inputs: { rounds: 2 } } }
          - { id: longer, uses: meta/trial, with: { target: toy-loop, version: 1, seeds: [1], inputs: { rounds: 3 } } }
        output: "${ { first: steps.first.output.results, second: steps.second.output.results, longer: steps.longer.output.results } }"
        """;

    [Fact]
    public async Task A_seed_already_run_with_the_same_content_and_inputs_is_reused_and_anything_else_runs()
    {
        using var store = new TestStore("sqlite");
        Assert.Equal(0, (await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", store.Folder.Write("toy-loop.yaml", MetaImproveTests.Target)))).ExitCode);

        var run = await CliProcess.RunAsync(store.Folder.Path, store.Args("run", store.Folder.Write("trials.yaml", Trials), "--json", "--id", "t"));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var output = JsonNode.Parse(run.Stdout)!["output"]!;
        string RunOf(string step, int seed) => output[step]!.AsArray().Single(r => r!["seed"]!.GetValue<long>() == seed)!["run"]!.GetValue<string>();
        Assert.Equal(("t.first.s1", "t.first.s2"), (RunOf("first", 1), RunOf("first", 2)));
        Assert.Equal(("t.first.s2", "t.second.s3"), (RunOf("second", 2), RunOf("second", 3)));
        Assert.Equal("t.longer.s1", RunOf("longer", 1));
        Assert.Contains("run t.first.s2 already ran this content with these inputs and seed; its result is reused", run.Stderr);

        var runs = JsonNode.Parse((await CliProcess.RunAsync(store.Folder.Path, store.Args("runs", "--json"))).Stdout)!.AsArray().Select(r => r!["id"]!.GetValue<string>());
        Assert.Equal(["t", "t.first.s1", "t.first.s2", "t.longer.s1", "t.second.s3"], runs.Order());
    }
}
