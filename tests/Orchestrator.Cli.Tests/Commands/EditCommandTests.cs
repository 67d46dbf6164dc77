using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Commands;

/// <summary><c>orchestrator edit</c>: a self-edit by hand becomes a runnable draft, or is refused with every reason; both are journalled.</summary>
public sealed class EditCommandTests
{
    private const string Workflow = """
        id: tuned
        inputs: { rounds: { type: int, default: 2 } }
        tunables:
          /steps/0/with/lr: { min: 1.0e-5, max: 1.0e-2 }
        protected: [ /steps/1 ]
        steps:
          - { id: train, uses: set, with: { lr: 0.001 } }
          - { id: judge, uses: set, with: { alpha: 0.01 } }
        output: "${ { lr: state.lr, alpha: state.alpha } }"
        """;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_accepted_edit_is_a_runnable_draft_and_a_refused_one_exits_2_with_every_reason(string backend)
    {
        using var store = new TestStore(backend);
        var file = store.Folder.Write("tuned.yaml", Workflow);
        var good = store.Folder.Write("good.json", """[{ "op": "replace", "path": "/steps/0/with/lr", "value": 0.002 }]""");
        var bad = store.Folder.Write("bad.json", """
            [{ "op": "replace", "path": "/steps/1/with/alpha", "value": 0.5 },
             { "op": "replace", "path": "/steps/0/with/lr", "value": 0.5 }]
            """);
        Assert.Equal(0, (await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", file))).ExitCode);

        var accepted = await CliProcess.RunAsync(store.Folder.Path, store.Args("edit", "tuned", "--patch", good, "--editor", "operator:erin", "--rationale", "faster"));
        var refused = await CliProcess.RunAsync(store.Folder.Path, store.Args("edit", "tuned", "--patch", bad, "--editor", "bandit@1"));

        Assert.True(accepted.ExitCode == 0, accepted.Stdout + accepted.Stderr);
        Assert.Contains("accepted: draft tuned@2 (parent tuned@1, editor operator:erin", accepted.Stdout);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("patch/0: '/steps/1/with/alpha' is protected: declared protected", refused.Stderr);
        Assert.Contains("patch/1: '/steps/0/with/lr': 0.5 is above the maximum 0.01", refused.Stderr);

        var run = await CliProcess.RunAsync(store.Folder.Path, store.Args("run", "tuned@2", "--json"));
        Assert.Equal(0.002, JsonNode.Parse(run.Stdout)!["output"]!["lr"]!.GetValue<double>());
        var versions = JsonNode.Parse((await CliProcess.RunAsync(store.Folder.Path, store.Args("versions", "tuned", "--json"))).Stdout)!;
        Assert.Equal(1, versions["current"]!.GetValue<int>()); // a draft does not move 'current'
        var edits = versions["edits"]!.AsArray();
        Assert.Equal([true, false], edits.Select(e => e!["accepted"]!.GetValue<bool>()));
        Assert.Equal(("operator:erin", 2, "faster"), (edits[0]!["editor"]!.GetValue<string>(), edits[0]!["draft"]!.GetValue<int>(), edits[0]!["rationale"]!.GetValue<string>()));
        Assert.Equal(2, edits[1]!["rejections"]!.AsArray().Count);
    }

    [Fact]
    public async Task Editing_a_definition_that_was_never_published_says_what_to_do()
    {
        using var store = new TestStore("sqlite");
        var patch = store.Folder.Write("p.json", """[{ "op": "replace", "path": "/steps/0/with/lr", "value": 0.002 }]""");

        var result = await CliProcess.RunAsync(store.Folder.Path, store.Args("edit", "nowhere", "--patch", patch));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'nowhere' has no published version", result.Stderr);
    }

    [Fact]
    public async Task A_patch_file_that_is_not_json_is_named_with_an_example()
    {
        using var store = new TestStore("sqlite");
        var file = store.Folder.Write("tuned.yaml", Workflow);
        var patch = store.Folder.Write("p.json", "op: replace");
        await CliProcess.RunAsync(store.Folder.Path, store.Args("publish", file));

        var result = await CliProcess.RunAsync(store.Folder.Path, store.Args("edit", "tuned", "--patch", patch));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("p.json: not JSON", result.Stderr);
        Assert.Contains("a patch is a JSON array like", result.Stderr);
    }
}
