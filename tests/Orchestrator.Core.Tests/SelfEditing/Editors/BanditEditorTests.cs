using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.SelfEditing.Editors;

namespace Orchestrator.Core.Tests.SelfEditing.Editors;

public sealed class BanditEditorTests
{
    private static EditSpace Space(double steps = 400, double temperature = 0.8, string mode = "\"fast\"") => new(null!,
    [
        new(new TunableBounds("/steps/0/with/steps", 50, 2000, null), JsonValue.Create((long)steps)),
        new(new TunableBounds("/steps/0/with/temperature", 0.1, 2.0, null), JsonValue.Create(temperature)),
        new(new TunableBounds("/steps/0/with/mode", null, null, ["\"fast\"", "\"slow\""]), JsonNode.Parse(mode)),
    ]);

    private static string Value(EditProposal proposal) => proposal.Patch[0]!["value"]!.ToJsonString();

    [Fact]
    public void Arms_move_numbers_by_the_step_factor_keep_whole_numbers_whole_and_switch_allowed_values()
    {
        var all = new BanditEditor().Propose(Space(), 10, new Random(1)).ToDictionary(p => p.Arm, Value);

        Assert.Equal(new Dictionary<string, string>
        {
            ["/steps/0/with/steps:up"] = "800",
            ["/steps/0/with/steps:down"] = "200",
            ["/steps/0/with/temperature:up"] = "1.6",
            ["/steps/0/with/temperature:down"] = "0.4",
            ["/steps/0/with/mode=\"slow\""] = "\"slow\"",
        }, all);
    }

    [Fact]
    public void A_value_at_its_bound_has_no_arm_past_it()
    {
        var arms = new BanditEditor().Propose(Space(steps: 2000), 10, new Random(1)).Select(p => p.Arm).ToList();

        Assert.DoesNotContain("/steps/0/with/steps:up", arms);
        Assert.Contains("/steps/0/with/steps:down", arms);
    }

    [Fact]
    public void Arms_that_paid_off_are_chosen_far_more_often_and_the_state_round_trips()
    {
        var editor = new BanditEditor();
        for (var i = 0; i < 5; i++)
        {
            editor.Learn("/steps/0/with/steps:down", 2.0);
            editor.Learn("/steps/0/with/steps:up", -1.0);
        }
        var restored = new BanditEditor();
        restored.LoadState(JsonNode.Parse(editor.SaveState().ToJsonString())!.AsObject());

        var random = new Random(7);
        var firsts = Enumerable.Range(0, 200).Select(_ => restored.Propose(Space(), 1, random)[0].Arm).ToList();

        Assert.True(firsts.Count(a => a == "/steps/0/with/steps:down") > 150, string.Join(",", firsts.GroupBy(a => a).Select(g => $"{g.Key}:{g.Count()}")));
        Assert.DoesNotContain("/steps/0/with/steps:up", firsts);
    }

    [Fact]
    public void The_same_random_source_gives_the_same_proposals()
    {
        var a = new BanditEditor().Propose(Space(), 2, new Random(3)).Select(p => p.Arm);
        var b = new BanditEditor().Propose(Space(), 2, new Random(3)).Select(p => p.Arm);

        Assert.Equal(a, b);
    }

    [Fact]
    public void A_state_from_elsewhere_is_refused()
    {
        Assert.Throws<FormatException>(() => new BanditEditor().LoadState(new JsonObject { ["editor"] = "llm" }));
    }
}
