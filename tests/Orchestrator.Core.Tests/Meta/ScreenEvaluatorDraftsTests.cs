using System.Text.Json.Nodes;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Meta.Screen;

namespace Orchestrator.Core.Tests.Meta;

/// <summary>meta/screen on trials of evaluator drafts: every trial ran the same workflow version, so each is known by its evaluator.</summary>
public sealed class ScreenEvaluatorDraftsTests
{
    private static JsonObject Trial(string? evaluator, params double[] rates)
    {
        var trial = new JsonObject
        {
            ["version"] = 4, // the workflow's version: the same for the baseline and every draft
            ["results"] = new JsonArray(rates.Select((r, i) => (JsonNode)new JsonObject { ["seed"] = 101 + i, ["rate"] = r }).ToArray()),
        };
        if (evaluator is not null) trial["evaluator"] = evaluator;
        return trial;
    }

    private static JsonObject Draft(int version, string arm) => new() { ["version"] = version, ["arm"] = arm, ["evaluator"] = $"selflabel@{version}" };

    [Fact]
    public async Task Each_evaluator_trial_is_paired_with_its_own_draft_and_the_best_names_the_evaluator_version()
    {
        var outcome = await new ActivityHarness(new ScreenActivity()).RunAsync(new JsonObject
        {
            ["baseline"] = Trial("selflabel@1", 1, 1, 1),
            ["trials"] = new JsonArray(Trial("selflabel@3", 1.1, 1.0, 0.9), Trial("selflabel@2", 1.5, 1.6, 1.4)),
            ["drafts"] = new JsonArray(Draft(2, "/filters/2/with/min:down"), Draft(3, "/filters/3/with/minShare:up")),
            ["minEffect"] = 0.1,
        });

        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        var best = outcome.Output!["best"]!;
        Assert.Equal((2, "/filters/2/with/min:down", "selflabel@2"), (best["version"]!.GetValue<int>(), best["arm"]!.GetValue<string>(), best["evaluator"]!.GetValue<string>()));
        Assert.Equal(0.5, best["gain"]!.GetValue<double>(), 6);
        var outcomes = outcome.Output["outcomes"]!.AsArray().ToDictionary(o => o!["arm"]!.GetValue<string>(), o => o!["reward"]!.GetValue<double>());
        Assert.Equal(0.0, outcomes["/filters/3/with/minShare:up"], 6);
        Assert.Equal(0.5, outcomes["/filters/2/with/min:down"], 6);
    }
}
