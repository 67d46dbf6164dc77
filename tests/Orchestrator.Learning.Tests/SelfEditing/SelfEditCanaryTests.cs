using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.BuiltIn;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.SelfEditing;
using Orchestrator.Learning.Activities;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.SelfEditing;

/// <summary>
/// Canaries: self-edits against the shipped workflows that must always be refused, and the one kind that must pass.
/// The policy validates patched documents with every activity the engine has, as a real edit would be.
/// </summary>
public sealed class SelfEditCanaryTests : IDisposable
{
    private readonly LoopStore _store = new();
    private readonly DefinitionLoader _loader;

    public SelfEditCanaryTests() =>
        _loader = new DefinitionLoader(new ActivityRegistry().AddBuiltInActivities().AddImprovementLoop(_store.Learning));

    private SelfEditPolicy Policy => new(document => _loader.Load(new ParsedDocument("patched.yaml", document, SourceMap.Empty)).Issues);

    private WorkflowDefinition Shipped(string file = "self-improve-addition.yaml", Func<string, string>? change = null)
    {
        var text = File.ReadAllText(Path.Combine(LoopStore.RepositoryRoot, "workflows", file));
        var result = _loader.LoadText(file, change is null ? text : change(text));
        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        return result.Definition!;
    }

    private static JsonArray Replace(string path, JsonNode? value) => [new JsonObject { ["op"] = "replace", ["path"] = path, ["value"] = value }];

    private EditRejection RefusedWith(WorkflowDefinition parent, JsonNode patch, string expected)
    {
        var decision = Policy.Decide(parent, patch);
        Assert.False(decision.Accepted);
        Assert.Null(decision.Patched);
        return Assert.Single(decision.Rejections, r => r.Reason.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_bounded_change_of_a_tunable_is_accepted_and_yields_a_valid_document()
    {
        var parent = Shipped();

        var decision = Policy.Decide(parent, Replace("/steps/4/do/0/with/span", 3));

        Assert.True(decision.Accepted, string.Join("\n", decision.Rejections));
        Assert.Equal(3, decision.Patched!["steps"]![4]!["do"]![0]!["with"]!["span"]!.GetValue<int>());
        Assert.True(_loader.Load(new ParsedDocument("patched.yaml", decision.Patched, SourceMap.Empty)).IsValid);
    }

    [Fact]
    public void Canary_an_edit_of_the_gate_or_its_data_is_refused()
    {
        var parent = Shipped();
        RefusedWith(parent, Replace("/steps/4/do/5/with/alpha", 0.5), "judges the procedure");
        RefusedWith(parent, Replace("/steps/4/do/5/with/items", 8), "judges the procedure");
        RefusedWith(parent, Replace("/steps/2/with/targets", new JsonArray(1)), "judges the procedure");
    }

    [Fact]
    public void Canary_the_gate_stays_protected_even_when_a_document_declares_it_tunable()
    {
        // A document that forgot to protect its gate and even declared the gate's alpha tunable.
        var careless = Shipped(change: text => text
            .Replace("protected: [ /inputs, /steps/2, /steps/4/do/5 ]", "protected: [ /inputs ]")
            .Replace("  /steps/4/do/4/with/lr:", "  /steps/4/do/5/with/alpha: { min: 0.001, max: 0.5 }\n  /steps/4/do/4/with/lr:"));
        Assert.Contains(careless.Tunables, t => t.Pointer == "/steps/4/do/5/with/alpha");

        RefusedWith(careless, Replace("/steps/4/do/5/with/alpha", 0.4), "the step 'gate' (gate/heldout) judges the procedure");
    }

    [Fact]
    public void Canary_the_label_audit_and_the_avalanche_guard_are_protected()
    {
        var parent = Shipped("self-improve-addition-selflabel.yaml");
        RefusedWith(parent, Replace("/steps/4/do/2/with/minPrecision", 0), "(evaluate/audit) judges the procedure");
        RefusedWith(parent, Replace("/steps/4/do/7/with/history", new JsonArray()), "(guard/avalanche) judges the procedure");
    }

    [Theory]
    [InlineData("/steps/4/do/0/with/span", 7, "7 is above the maximum 6")]
    [InlineData("/steps/4/do/4/with/lr", 0.5, "0.5 is above the maximum 0.01")]
    [InlineData("/steps/4/do/3/with/replay", -0.1, "-0.1 is below the minimum 0")]
    public void Canary_a_value_out_of_bounds_is_refused(string path, double value, string expected)
    {
        RefusedWith(Shipped(), Replace(path, value), expected);
    }

    [Fact]
    public void Canary_an_edit_that_unbounds_a_loop_is_refused()
    {
        var parent = Shipped();
        RefusedWith(parent, new JsonArray(new JsonObject { ["op"] = "remove", ["path"] = "/steps/4/loop/max" }), "'remove' is not allowed");
        RefusedWith(parent, Replace("/steps/4/loop/until", "false"), "not a declared tunable");

        // Even a loop bound a document declares tunable with generous bounds cannot exceed the engine's cap.
        var generous = Shipped(change: text => text.Replace("  /steps/4/do/4/with/lr:", "  /steps/4/loop/max: { min: 1, max: 1.0e12 }\n  /steps/4/do/4/with/lr:"));
        RefusedWith(generous, Replace("/steps/4/loop/max", 1e9), "a loop may run at most 10,000 times");
    }

    [Theory]
    [InlineData("${inputs.rounds}")]
    [InlineData("${(function(){ return this })().process.exit(1)}")]
    [InlineData("${System.IO.File.Delete('/etc/passwd')}")]
    public void Canary_an_injected_expression_is_refused(string expression)
    {
        RefusedWith(Shipped(), Replace("/steps/4/do/0/with/temperature", expression), "literal values, not expressions");
    }

    [Fact]
    public void A_value_inside_its_bounds_that_the_activity_refuses_is_caught_by_full_validation()
    {
        // samples: 0 is inside the declared bounds of the main loop, and propose still has greedy attempts, so it is
        // valid there; the same edit with greedy off would propose nothing, which propose's own validator refuses.
        var noGreedy = Shipped(change: text => text.Replace("greedy: true, samples: 3", "greedy: false, samples: 3"));

        var rejection = RefusedWith(noGreedy, Replace("/steps/4/do/0/with/samples", 0), "the patched definition is invalid");

        Assert.Contains("samples", rejection.Path + rejection.Reason);
    }

    [Fact]
    public void Every_reason_is_reported_not_just_the_first()
    {
        var patch = new JsonArray(
            new JsonObject { ["op"] = "replace", ["path"] = "/steps/4/do/5/with/alpha", ["value"] = 0.5 },
            new JsonObject { ["op"] = "replace", ["path"] = "/steps/4/do/0/with/span", ["value"] = 99 },
            new JsonObject { ["op"] = "add", ["path"] = "/steps/4/do/0/with/extra", ["value"] = 1 },
            new JsonObject { ["op"] = "replace", ["path"] = "/tunables", ["value"] = new JsonObject() });

        var decision = Policy.Decide(Shipped(), patch);

        Assert.Equal(["/0", "/1", "/2", "/3"], decision.Rejections.Select(r => r.Path).Distinct());
    }

    [Fact]
    public void Something_that_is_not_a_patch_is_refused_with_the_reason()
    {
        RefusedWith(Shipped(), new JsonObject { ["op"] = "replace" }, "not a valid JSON Patch");
        RefusedWith(Shipped(), new JsonArray(), "no operations");
    }

    public void Dispose() => _store.Dispose();
}
