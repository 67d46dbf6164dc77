using System.Text.Json.Nodes;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Learning.Activities.Propose;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Activities;

/// <summary><c>learning/propose</c>'s <c>review</c>: mastered lengths just below <c>from</c> are proposed on too.</summary>
public sealed class ProposeReviewTests : IDisposable
{
    private readonly LoopStore _store = new();

    private async Task<(JsonObject Output, IReadOnlyList<AttemptRecord> Attempts)> ProposeAsync(int from, int review)
    {
        var output = await LoopStore.RunAsync(new ProposeActivity(_store.Learning), new JsonObject
        {
            ["model"] = "adder@1", ["task"] = "arithmetic/addition", ["from"] = from, ["span"] = 2, ["review"] = review,
            ["problems"] = 8, ["samples"] = 0,
        }, "propose");
        return (output, await JsonLinesArtifact.ReadAsync<AttemptRecord>(_store.Stores.Artifacts, output["attempts"]!.GetValue<string>(), "test", default));
    }

    [Fact]
    public async Task Review_adds_the_lengths_just_below_from_and_they_are_reported_as_proposed()
    {
        await LoopSteps.PretrainAsync(_store, "adder", steps: 20);

        var (output, attempts) = await ProposeAsync(from: 4, review: 2);

        Assert.Equal([2, 3, 4, 5], output["lengths"]!.AsArray().Select(l => l!.GetValue<int>()));
        Assert.Equal([2, 3, 4, 5], attempts.Select(a => a.Length).Distinct().Order());
        Assert.All(attempts.GroupBy(a => a.Length), g => Assert.Equal(8, g.Count()));
    }

    [Fact]
    public async Task Review_stops_at_the_task_s_shortest_length()
    {
        await LoopSteps.PretrainAsync(_store, "adder", steps: 20);

        var (output, _) = await ProposeAsync(from: 2, review: 3);

        Assert.Equal([1, 2, 3], output["lengths"]!.AsArray().Select(l => l!.GetValue<int>()));
    }

    [Fact]
    public void A_negative_review_is_refused_by_validation()
    {
        var problems = new ActivityHarness(new ProposeActivity(_store.Learning)).Check(new JsonObject
        {
            ["model"] = "adder@1", ["task"] = "arithmetic/addition", ["from"] = 3, ["review"] = -1,
        });

        Assert.Contains(problems, p => p.Input == "review" && p.Message.Contains("between 0 and 64"));
    }

    public void Dispose() => _store.Dispose();
}
