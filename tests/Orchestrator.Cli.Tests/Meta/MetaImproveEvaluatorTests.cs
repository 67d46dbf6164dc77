using System.Text.Json.Nodes;
using Orchestrator.Cli.Tests.Support;

namespace Orchestrator.Cli.Tests.Meta;

/// <summary>
/// The evaluator outer loop end to end on tiny settings: the shipped meta-improve-evaluator workflow has the editor
/// propose edits of the published selflabel, screens every draft at the evaluator gate on fresh proposals of a real
/// (tiny) base model, trials the drafts that pass in the real self-label workflow against the current evaluator, and
/// every trial run's scores name the exact evaluator version it judged with.
/// </summary>
public sealed class MetaImproveEvaluatorTests
{
    // Rounds of 200 post-training steps (the tunable's least) instead of 400: the procedure is a draft of the shipped
    // workflow made by hand, so the test runs the shipped steps at a size it can afford.
    private const string ShorterRounds = """[{ "op": "replace", "path": "/steps/4/do/4/with/steps", "value": 200 }]""";

    // Round 0 of 500 steps on 1-2 digits: seed 1 learns 1 digit (loss 0.10; seed 0 stays at 0.97), so the gate's
    // proposals at 2 digits hold labels to keep and audit.
    private const string Trial = """
        { "rounds": 1, "baseSteps": 500, "baseBatch": 64, "baseLr": 0.004, "baseMaxLength": 2, "width": 32, "gateItems": 64, "auditItems": 64, "minPrecision": 0 }
        """;

    [Fact]
    public async Task Evaluator_drafts_are_screened_by_their_audited_labels_and_the_passing_ones_are_trialled_with_their_exact_version()
    {
        using var store = new TestStore("sqlite");
        async Task<CliProcess.Result> Cli(params string[] args) => await CliProcess.RunAsync(store.Folder.Path, store.Args(args));
        // The shipped evaluator with its confidence threshold at 0.6, as an operator would set it for a base this weak (at
        // 0.98 it keeps nothing of a model trained for seconds, and an audit of nothing compares nothing).
        var shipped = File.ReadAllText(Path.Combine(Repository.Workflows, "evaluators", "selflabel.yaml"));
        Assert.Contains("with: { min: 0.98 }", shipped);
        Directory.CreateDirectory(store.Folder.File("evaluators"));
        var edited = store.Folder.Write(Path.Combine("evaluators", "selflabel.yaml"), shipped.Replace("with: { min: 0.98 }", "with: { min: 0.6 }"));
        Assert.Equal(0, (await Cli("publish", edited)).ExitCode);
        Assert.Equal(0, (await Cli("publish", Path.Combine(Repository.Workflows, "self-improve-addition-selflabel.yaml"))).ExitCode);
        Assert.Equal(0, (await Cli("edit", "self-improve-addition-selflabel", "--patch", store.Folder.Write("shorter.json", ShorterRounds))).ExitCode);

        var run = await Cli("run", Path.Combine(Repository.Workflows, "meta-improve-evaluator.yaml"), "--json", "--seed", "5",
            "-i", "workflowVersion=2", "-i", "baseSeed=1", "-i", "generations=1", "-i", "proposals=2", "-i", "screenSeeds=[101]", "-i", "confirmSeeds=[201]",
            "-i", "trial=" + Trial.Trim(), "-i", "auditSample=64", "-i", "minPrecision=0");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var outer = JsonNode.Parse(run.Stdout)!;
        var generation = Assert.Single(outer["output"]!["generations"]!.AsArray())!;
        Assert.Equal("selflabel@1", generation["parent"]!.GetValue<string>());
        var steps = JsonNode.Parse((await Cli("show", outer["id"]!.GetValue<string>(), "--json")).Stdout)!["steps"]!.AsArray();
        JsonNode Output(string key) => steps.Single(s => s!["key"]!.GetValue<string>() == key)!["output"]!;

        // Every draft meta/propose made was screened at the gate, on the same proposals and sample size as the current version.
        var drafts = Output("generation/0/propose")["drafts"]!.AsArray();
        var gate = Output("generation/0/labels");
        var passed = gate["passed"]!.AsArray();
        Assert.NotEmpty(drafts);
        Assert.Equal(drafts.Select(d => $"selflabel@{d!["version"]}").Order(), passed.Concat(gate["refused"]!.AsArray()).Select(d => d!["evaluator"]!.GetValue<string>()).Order());
        Assert.Equal("selflabel@1", gate["baseline"]!["evaluator"]!.GetValue<string>());
        Assert.True(gate["baseline"]!["kept"]!.GetValue<int>() > 0, gate.ToJsonString());
        Assert.All(passed.Concat(gate["refused"]!.AsArray()), d => Assert.True(JsonNode.DeepEquals(gate["baseline"], d!["baseline"])));

        // A refused draft is journalled as refused with the gate's reason, against the version it was made from.
        var edits = JsonNode.Parse((await Cli("versions", "evaluators/selflabel", "--json")).Stdout)!["edits"]!.AsArray();
        foreach (var refused in gate["refused"]!.AsArray())
        {
            var entry = Assert.Single(edits, e => !e!["accepted"]!.GetValue<bool>() && e["draft"]!.GetValue<int>() == refused!["version"]!.GetValue<int>())!;
            Assert.Equal((1, "evaluator-gate"), (entry["parent"]!.GetValue<int>(), entry["details"]!["stage"]!.GetValue<string>()));
            Assert.EndsWith(refused!["reason"]!.GetValue<string>(), Assert.Single(entry["rejections"]!.AsArray())!.GetValue<string>());
        }
        Assert.Equal(drafts.Count + gate["refused"]!.AsArray().Count, edits.Count);

        // The current version and each passing draft were trialled in the self-label workflow, each naming its exact evaluator.
        var baseline = Output("generation/0/baseline");
        Assert.Equal("selflabel@1", baseline["evaluator"]!.GetValue<string>());
        var trials = passed.Select((d, i) => Output($"generation/0/screen/{i}/trial")).ToList();
        Assert.Equal(passed.Select(d => d!["evaluator"]!.GetValue<string>()), trials.Select(t => t["evaluator"]!.GetValue<string>()));
        foreach (var trial in trials.Append(baseline))
        {
            var evaluator = trial["evaluator"]!.GetValue<string>();
            var result = Assert.Single(trial["results"]!.AsArray())!;
            Assert.Equal(evaluator, result["evaluator"]!.GetValue<string>());
            var trialRun = JsonNode.Parse((await Cli("show", result["run"]!.GetValue<string>(), "--json")).Stdout)!;
            Assert.Equal((2, evaluator), (trialRun["version"]!.GetValue<int>(), trialRun["inputs"]!["evaluator"]!.GetValue<string>()));
            var round = trialRun["output"]!["rounds"]!.AsArray()[1]!;
            Assert.Equal(evaluator, round["evaluator"]!.GetValue<string>());
            var judged = trialRun["steps"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "round/0/judge")!["output"]!;
            var audit = trialRun["steps"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "round/0/audit")!["output"]!;
            Assert.Equal((evaluator, evaluator), (judged["evaluator"]!.GetValue<string>(), audit["evaluator"]!.GetValue<string>()));
        }

        // The baseline's round kept labels and trained on them: the candidate's lineage names the evaluator that built its data.
        var baselineRound = JsonNode.Parse((await Cli("show", baseline["results"]![0]!["run"]!.GetValue<string>(), "--json")).Stdout)!["output"]!["rounds"]![1]!;
        var candidate = baselineRound["model"]!.GetValue<string>();
        Assert.NotEqual("-", candidate);
        var lineage = JsonNode.Parse((await Cli("models", "show", candidate, "--json")).Stdout)!["lineage"]!;
        Assert.Equal("selflabel@1", lineage["evaluator"]!.GetValue<string>());
    }
}
