using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary>Self-edits of an evaluator: the same policy as workflows, against its declared tunables, checked by the evaluator reader.</summary>
public sealed class EditEvaluatorTests
{
    [Fact]
    public async Task An_evaluator_edit_within_its_tunables_becomes_a_draft_and_others_are_refused()
    {
        using var store = new TestStore("sqlite");
        var evaluator = Path.Combine(Repository.Workflows, "evaluators", "selflabel.yaml");
        Assert.Equal(0, (await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", evaluator))).ExitCode);
        var looser = store.Folder.Write("looser.json", """[{ "op": "replace", "path": "/filters/2/with/min", "value": 0.9 }]""");
        var bad = store.Folder.Write("bad.json", """
            [{ "op": "replace", "path": "/filters/0/uses", "value": "drop-all" },
             { "op": "replace", "path": "/filters/2/with/min", "value": 1.5 },
             { "op": "replace", "path": "/tunables", "value": {} }]
            """);

        var accepted = await CliProcess.RunAsync(store.Folder.Path, store.Args("edit", "evaluators/selflabel", "--patch", looser, "--editor", "operator:fay"));
        var refused = await CliProcess.RunAsync(store.Folder.Path, store.Args("edit", "evaluators/selflabel", "--patch", bad));

        Assert.True(accepted.ExitCode == 0, accepted.Stdout + accepted.Stderr);
        Assert.Contains("accepted: draft evaluators/selflabel@2", accepted.Stdout);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("patch/0: '/filters/0/uses' is not a declared tunable", refused.Stderr);
        Assert.Contains("patch/1: '/filters/2/with/min': 1.5 is above the maximum 0.999", refused.Stderr);
        Assert.Contains("patch/2: '/tunables' is protected", refused.Stderr);

        var diff = JsonNode.Parse((await CliProcess.RunAsync(store.Folder.Path, store.Args("diff", "evaluators/selflabel", "1", "2", "--json"))).Stdout)!.AsArray();
        Assert.Equal(0.9, Assert.Single(diff)!["value"]!.GetValue<double>());
    }
}
