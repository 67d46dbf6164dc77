using System.Text.Json.Nodes;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.SelfEditing;
using Orchestrator.Core.SelfEditing.Editors;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.SelfEditing.Editors;

/// <summary>The shipped selflabel evaluator as an edit space: what an editor is shown and may move.</summary>
public sealed class EvaluatorEditSpaceTests
{
    private static readonly AttemptFilterRegistry Filters = AttemptFilterRegistry.BuiltIn();

    private static (EditSpace Space, SelfEditPolicy Policy) Shipped()
    {
        var (evaluator, issues, document) = EvaluatorReader.ReadFile(Path.Combine(RepositoryRoot.Path, "workflows", "evaluators", "selflabel.yaml"), Filters);
        Assert.Empty(issues);
        var policy = new SelfEditPolicy(edited => EvaluatorReader.Read(new ParsedDocument("selflabel (edited)", edited, SourceMap.Empty), Filters).Issues);
        return (EditSpace.Of(evaluator!, document!.Root), policy);
    }

    [Fact]
    public void The_edit_space_of_an_evaluator_is_its_declared_tunables_with_their_current_values()
    {
        var (space, _) = Shipped();

        Assert.Equal(EditTargetKind.Evaluator, space.Kind);
        Assert.Equal("selflabel@2", space.Document.Reference);
        Assert.Equal([("/filters/2/with/min", 0.98), ("/filters/3/with/minShare", 0.5)], space.Tunables.Select(t => (t.Pointer, t.Current!.GetValue<double>())));
        Assert.Contains(space.Document.AlwaysProtected, p => p.Pointer == "/tunables");
    }

    [Fact]
    public void Every_bandit_arm_on_the_evaluator_moves_a_tunable_within_its_bounds_and_passes_the_policy()
    {
        var (space, policy) = Shipped();

        var proposals = new BanditEditor().Propose(space, 10, new Random(3));

        Assert.Equal(4, proposals.Count); // up and down for each of the two tunables
        Assert.Equal(["/filters/2/with/min:down", "/filters/2/with/min:up", "/filters/3/with/minShare:down", "/filters/3/with/minShare:up"], proposals.Select(p => p.Arm).Order(StringComparer.Ordinal));
        Assert.All(proposals, p => Assert.True(policy.Decide(space.Document, p.Patch).Accepted, p.Arm));
        var byArm = proposals.ToDictionary(p => p.Arm, p => p.Patch[0]!["value"]!.GetValue<double>());
        Assert.Equal((0.999, 0.5, 0.9, 0.3), (byArm["/filters/2/with/min:up"], byArm["/filters/2/with/min:down"], byArm["/filters/3/with/minShare:up"], byArm["/filters/3/with/minShare:down"]));
    }

    [Fact]
    public void A_patch_of_an_evaluator_outside_its_tunables_or_bounds_is_refused()
    {
        var (space, policy) = Shipped();
        var patch = JsonNode.Parse("""
            [{ "op": "replace", "path": "/filters/2/with/min", "value": 0.2 },
             { "op": "replace", "path": "/filters/4/uses", "value": "drop-all" },
             { "op": "remove", "path": "/filters/1" }]
            """);

        var decision = policy.Decide(space.Document, patch);

        Assert.False(decision.Accepted);
        Assert.Equal(["/0", "/1", "/2"], decision.Rejections.Select(r => r.Path));
        Assert.Contains("0.2 is below the minimum 0.5", decision.Rejections[0].Reason);
    }
}
