using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Tests.TestSupport;

namespace Orchestrator.Core.Tests.Engine;

public sealed class SeedTests
{
    private const string Definition = """
        id: seeded
        steps:
          - { id: a, uses: test/draw }
          - { id: b, uses: test/draw }
        """;

    private static async Task<(JsonNode A, JsonNode B)> DrawsAsync(long seed)
    {
        var harness = new EngineHarness();
        var run = await harness.RunAsync(Definition, seed: seed);
        Assert.Equal(seed, run.Seed);
        return ((await harness.StepAsync(run.Id, "a")).Output!["draws"]!, (await harness.StepAsync(run.Id, "b")).Output!["draws"]!);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_draws()
    {
        var first = await DrawsAsync(42);
        var second = await DrawsAsync(42);

        Assert.Equal(5, first.A.AsArray().Count);
        Assert.True(JsonNode.DeepEquals(first.A, second.A), $"{first.A.ToJsonString()} vs {second.A.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(first.B, second.B), $"{first.B.ToJsonString()} vs {second.B.ToJsonString()}");
    }

    [Fact]
    public async Task Another_seed_or_another_step_gives_other_draws()
    {
        var first = await DrawsAsync(42);
        var other = await DrawsAsync(43);

        Assert.False(JsonNode.DeepEquals(first.A, other.A));
        Assert.False(JsonNode.DeepEquals(first.A, first.B));
    }

    [Fact]
    public async Task A_step_started_again_after_its_process_died_draws_what_the_interrupted_try_drew()
    {
        var none = CancellationToken.None;
        var uninterrupted = await DrawsAsync(42);
        var finished = new EngineHarness();
        var run = await finished.RunAsync(Definition, seed: 42);

        // What a process killed inside 'a' leaves behind: the run still running, 'a' begun and never committed.
        var crashed = new EngineHarness();
        await crashed.Store.CreateRunAsync(run with { Status = RunStatus.Running, State = new JsonObject(), Position = null, Output = null, StepsCommitted = 0 }, none);
        var begun = await finished.StepAsync(run.Id, "a") with { Status = StepStatus.Running, Output = null, Attempts = 0 };
        await crashed.Store.BeginStepAsync(run.Id, begun, DateTimeOffset.UtcNow, none);

        var resumed = await crashed.Engine.ResumeAsync(run.Id);

        Assert.Equal(RunStatus.Succeeded, resumed.Status);
        var again = await crashed.StepAsync(run.Id, "a");
        Assert.Equal(2, again.Attempts);
        Assert.True(JsonNode.DeepEquals(uninterrupted.A, again.Output!["draws"]), $"{uninterrupted.A.ToJsonString()} vs {again.Output!["draws"]!.ToJsonString()}");
    }

    [Fact]
    public void Step_random_depends_on_seed_key_and_attempt_only()
    {
        static int[] Draw(long seed, string key, int attempt)
        {
            var random = StepRandom.For(seed, key, attempt);
            return [random.Next(), random.Next(), random.Next()];
        }

        Assert.Equal(Draw(7, "rounds/2/train", 1), Draw(7, "rounds/2/train", 1));
        Assert.NotEqual(Draw(7, "rounds/2/train", 1), Draw(7, "rounds/2/train", 2));
        Assert.NotEqual(Draw(7, "rounds/2/train", 1), Draw(7, "rounds/3/train", 1));
    }
}
