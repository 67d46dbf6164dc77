using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Meta;

/// <summary>
/// The outer loop end to end on a small target whose learning rate follows from its procedure (frontier gained per
/// round = span, steps per round = stepsPerRound): the shipped meta-improve workflow proposes edits, trials them,
/// confirms the best on fresh seeds, publishes it, and the next generation edits the improved version.
/// </summary>
public sealed class MetaImproveTests
{
    internal const string Target = """
        id: toy-loop
        inputs:
          model: { type: string, default: toy }
          rounds: { type: int, default: 3 }
          baseReuse: { type: string, default: "" }
        state: { frontier: 8, trainingSteps: 1000, span: 0, stepsPerRound: 0 }
        tunables:
          /steps/0/with/span: { min: 1, max: 4 }
          /steps/0/with/stepsPerRound: { min: 50, max: 2000 }
        steps:
          - { id: procedure, uses: set, with: { span: 1, stepsPerRound: 400 } }
          - id: rounds
            loop: { times: "${inputs.rounds}" }
            do:
              - { id: advance, uses: set, with: { frontier: "${state.frontier + state.span}", trainingSteps: "${state.trainingSteps + state.stepsPerRound}" } }
        output: "${ { champion: inputs.model + '@1', frontier: state.frontier, baseFrontier: 8, trainingSteps: state.trainingSteps, baseTrainingSteps: 1000 } }"
        """;

    [Fact]
    public async Task Generations_adopt_confirmed_edits_and_build_on_them_with_an_editor_that_learns()
    {
        using var store = new TestStore("sqlite");
        var file = store.Folder.Write("toy-loop.yaml", Target);
        Assert.Equal(0, (await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", file))).ExitCode);

        var run = await CliProcess.RunAsync(store.Folder.Path, store.Args("run", Path.Combine(Repository.Workflows, "meta-improve.yaml"), "--json", "--seed", "5",
            "-i", "target=toy-loop", "-i", "generations=2", "-i", "proposals=2", "-i", """trial={ "rounds": 3 }"""));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var output = JsonNode.Parse(run.Stdout)!["output"]!;
        var generations = output["generations"]!.AsArray();
        Assert.Equal(2, generations.Count);
        Assert.True(generations[0]!["adopted"]!.GetValue<bool>(), generations.ToJsonString());
        // Recursion: the second generation's parent is the version the first one adopted.
        Assert.Equal(generations[0]!["version"]!.GetValue<int>(), generations[1]!["parent"]!.GetValue<int>());
        Assert.True(generations[0]!["pValue"]!.GetValue<double>() <= 0.05);

        var versions = JsonNode.Parse((await CliProcess.RunAsync(store.Folder.Path, store.Args("versions", "toy-loop", "--json"))).Stdout)!;
        Assert.Equal(output["version"]!.GetValue<int>(), versions["current"]!.GetValue<int>());
        var adoption = versions["currentHistory"]!.AsArray().Last()!;
        Assert.StartsWith("meta-gate: mean gain", adoption["reason"]!.GetValue<string>());
        Assert.NotNull(adoption["evidence"]!["pValue"]);
        Assert.All(versions["edits"]!.AsArray(), e => Assert.StartsWith("editor:bandit@", e!["editor"]!.GetValue<string>()));
        Assert.Equal(4, versions["edits"]!.AsArray().Count);

        var lineage = JsonNode.Parse((await CliProcess.RunAsync(store.Folder.Path, store.Args("lineage", "workflow", "toy-loop", "--json"))).Stdout)!["chain"]!.AsArray();
        Assert.Equal(3, lineage.Count);
        Assert.Equal(1, lineage[0]!["version"]!.GetValue<int>());
        Assert.Equal([generations[0]!["version"]!.GetValue<int>(), generations[1]!["version"]!.GetValue<int>()], lineage.Skip(1).Select(v => v!["version"]!.GetValue<int>()));
        Assert.All(lineage.Skip(1), v => Assert.True(v!["gain"]!.GetValue<double>() > 0));
        Assert.All(lineage.Skip(1), v => Assert.Equal("/steps/0/with/span", v!["edit"]![0]!["path"]!.GetValue<string>()));

        // The editor's state is versioned like a model, each generation's state the child of the one before.
        var models = await CliProcess.RunAsync(store.Folder.Path, store.Args("models", "lineage", "editor-bandit@2"));
        Assert.True(models.ExitCode == 0, models.Stdout + models.Stderr);
        Assert.Contains("editor-bandit@1", models.Stdout);
    }
}
