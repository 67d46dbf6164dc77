using System.Text.Json.Nodes;
using Orchestrator.AI.Editing;
using Orchestrator.AI.Tests.Support;
using Orchestrator.Core.SelfEditing;
using Orchestrator.Core.SelfEditing.Editors;
using Orchestrator.Core.Tasks;
using Orchestrator.Plugins.Arithmetic.Addition;

namespace Orchestrator.AI.Tests.Editing;

public sealed class EditPromptTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 9, 0, 0, TimeSpan.Zero);

    private static JsonArray Replace(string path, JsonNode value) => [new JsonObject { ["op"] = "replace", ["path"] = path, ["value"] = value }];

    private static EditRecord Entry(long sequence, JsonArray patch, bool accepted, int? draft = null, string? rationale = null, JsonObject? details = null, params EditRejection[] rejections) => new()
    {
        Sequence = sequence, DefinitionId = "self-improve-addition", ParentVersion = 1, Editor = "editor:llm@0", Patch = patch, Accepted = accepted,
        Rejections = rejections, DraftVersion = draft, Rationale = rationale, Details = details, At = T0,
    };

    private static EditRequest Request(params EditRecord[] journal) =>
        new(EditSpace.Of(ShippedWorkflows.Load("self-improve-addition.yaml")), 1, new Random(1)) { Journal = journal };

    [Fact]
    public void The_prompt_lists_every_tunable_with_its_bounds_and_current_value_and_the_protected_paths_as_do_not_touch()
    {
        var prompt = EditPrompt.Build(Request(), new LearnedGains(), []).User;

        Assert.Contains("- /steps/4/do/0/with/span: now 2; a number from 1 to 6", prompt);
        Assert.Contains("- /steps/4/do/4/with/lr: now 0.001; a number from 0.00001 to 0.01", prompt);
        Assert.Contains("- /steps/4/do/3/with/balance: now \"lengths\"; one of \"items\", \"lengths\"", prompt);
        var doNotTouch = prompt[prompt.IndexOf("Do not touch", StringComparison.Ordinal)..prompt.IndexOf("The definition (JSON):", StringComparison.Ordinal)];
        Assert.Contains("- /inputs: declared protected", doNotTouch);
        Assert.Contains("- /steps/4/do/5: declared protected", doNotTouch);
        Assert.Contains("- /steps/4/do/5: the step 'gate' (gate/heldout) judges the procedure", doNotTouch);
        Assert.Contains("- /tunables:", doNotTouch);
        Assert.Contains("- empty: no edit has been proposed yet", prompt);
    }

    [Fact]
    public void The_prompt_never_holds_the_inputs_of_a_judging_step_nor_a_protected_gate_item()
    {
        var definition = ShippedWorkflows.Load("self-improve-addition.yaml");
        var gate = definition.Document["steps"]![4]!["do"]![5]!.AsObject();

        var prompt = EditPrompt.Build(Request(), new LearnedGains(), []).User;

        // The gate's inputs (its data, thresholds and test) are left out; its id and activity stay, to say what not to touch.
        Assert.Contains("\"with\": \"" + EditPrompt.Withheld + "\"", prompt);
        Assert.Contains("\"alphaBudget\"", gate.ToJsonString());
        Assert.DoesNotContain("alphaBudget", prompt);
        Assert.Contains("\"uses\": \"gate/heldout\"", prompt);
        // No item of the protected part of the task appears, whatever its length.
        var random = new Random(7);
        var task = new AdditionTask();
        var items = Enumerable.Range(0, 20_000).Select(i => task.Generate(random, 2 + i % 6)).Where(TaskPartition.IsProtected).Select(i => i.Prompt).ToList();
        Assert.True(items.Count > 1000);
        Assert.DoesNotContain(items, prompt.Contains);
        Assert.DoesNotContain("sha256:", prompt);
    }

    [Fact]
    public void The_journal_shows_screened_gains_adoptions_with_their_p_value_refusals_with_reasons_and_spent_slots()
    {
        var gains = new LearnedGains();
        gains.Add("/steps/4/do/0/with/span=2", 0.75);
        var request = Request(
            Entry(1, Replace("/steps/4/do/0/with/span", 2), true, draft: 2, rationale: "two lengths a round", details: new JsonObject { ["model"] = "gpt-4o-mini-2024-07-18" }),
            Entry(2, Replace("/steps/4/do/0/with/span", 9), false, rejections: new EditRejection("/0", "'/steps/4/do/0/with/span': 9 is above the maximum 6")),
            Entry(3, [], false, details: new JsonObject { ["failure"] = "timed out after 5 s waiting for editor" }, rejections: new EditRejection("", "timed out after 5 s waiting for editor"))) with
        {
            Adoptions = [new EditAdoption(2, "meta-gate: ...", 0.8, 0.03125)],
        };

        var prompt = EditPrompt.Build(request, gains, ["/steps/4/do/4/with/steps=200"]).User;

        Assert.Contains("- #1 on version 1 by editor:llm@0 (gpt-4o-mini-2024-07-18): /steps/4/do/0/with/span=2 (\"two lengths a round\"): accepted as draft 2; screened gain +0.75; adopted as current (meta-gate mean gain +0.8, p = 0.03125)", prompt);
        Assert.Contains("- #2 on version 1 by editor:llm@0: /steps/4/do/0/with/span=9: refused: '/steps/4/do/0/with/span': 9 is above the maximum 6", prompt);
        Assert.Contains("- #3 on version 1 by editor:llm@0: no usable answer: timed out after 5 s waiting for editor", prompt);
        Assert.Contains("Already proposed in this generation (propose something different):\n- /steps/4/do/4/with/steps=200", prompt.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_long_journal_shows_only_its_latest_entries()
    {
        var journal = Enumerable.Range(1, EditPrompt.JournalShown + 5)
            .Select(i => Entry(i, Replace("/steps/4/do/0/with/span", 9), false, rejections: new EditRejection("/0", $"reason {i}"))).ToArray();

        var prompt = EditPrompt.Build(Request(journal), new LearnedGains(), []).User;

        Assert.Contains("(5 earlier entries not shown)", prompt);
        Assert.DoesNotContain("- #5 on", prompt);
        Assert.Contains("- #6 on", prompt);
        Assert.Contains($"- #{EditPrompt.JournalShown + 5} on", prompt);
    }
}
