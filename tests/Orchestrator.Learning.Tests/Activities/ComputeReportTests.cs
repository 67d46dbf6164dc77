using System.Text.Json.Nodes;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Learning.Activities.Gate;
using Orchestrator.Learning.Activities.PostTrain;
using Orchestrator.Learning.Activities.Propose;
using Orchestrator.Learning.Loop;
using Orchestrator.Learning.Tests.TestSupport;

namespace Orchestrator.Learning.Tests.Activities;

/// <summary>
/// Every learning step reports the compute it spent, in GFLOP, in proportion to what it did: training to its tokens,
/// proposing to the prompts and answers, gating to the items scored; and the CPU seconds it took beside it.
/// </summary>
public sealed class ComputeReportTests : IDisposable
{
    private readonly LoopStore _store = new();

    private static double Gflop(JsonObject output) => output["gflop"]!.GetValue<double>();

    [Fact]
    public async Task Pretrain_and_post_train_report_six_flops_per_parameter_per_token_trained()
    {
        var base_ = await LoopSteps.PretrainAsync(_store, "adder", steps: 20);
        var parameters = base_["parameters"]!.GetValue<long>();
        Task<JsonObject> TrainAsync(int steps, string key) => LoopStore.RunAsync(new PostTrainActivity(_store.Learning), new JsonObject
        {
            ["model"] = "adder@1", ["dataset"] = base_["dataset"]!.GetValue<string>(), ["steps"] = steps, ["batch"] = 16, ["warmup"] = 2, ["decay"] = 4, ["checkpointEvery"] = 0,
        }, key);

        var short_ = await TrainAsync(10, "round/0/train");
        var long_ = await TrainAsync(30, "round/1/train");

        Assert.Equal(Math.Round(6.0 * parameters * base_["tokens"]!.GetValue<long>() / 1e9, 6), Gflop(base_), 6);
        foreach (var trained in new[] { short_, long_ })
        {
            Assert.True(Gflop(trained) > 0);
            Assert.Equal(Math.Round(6.0 * parameters * trained["tokens"]!.GetValue<long>() / 1e9, 6), Gflop(trained), 6);
            Assert.True(trained["cpuSeconds"]!.GetValue<double>() >= 0);
        }
        Assert.True(Gflop(long_) > 2 * Gflop(short_), $"30 steps {Gflop(long_)} GFLOP, 10 steps {Gflop(short_)}");
    }

    [Fact]
    public async Task Propose_reports_two_flops_per_parameter_per_prompt_token_once_and_per_answer_token()
    {
        var base_ = await LoopSteps.PretrainAsync(_store, "adder", steps: 20);
        async Task<(JsonObject Output, IReadOnlyList<AttemptRecord> Attempts)> ProposeAsync(int problems, string key)
        {
            var output = await LoopStore.RunAsync(new ProposeActivity(_store.Learning), new JsonObject
            {
                ["model"] = "adder@1", ["task"] = "arithmetic/addition", ["from"] = 2, ["span"] = 2, ["problems"] = problems, ["samples"] = 1,
            }, key);
            return (output, await JsonLinesArtifact.ReadAsync<AttemptRecord>(_store.Stores.Artifacts, output["attempts"]!.GetValue<string>(), "test", default));
        }

        var (few, fewAttempts) = await ProposeAsync(8, "round/0/propose");
        var (many, manyAttempts) = await ProposeAsync(24, "round/1/propose");

        var parameters = base_["parameters"]!.GetValue<long>();
        foreach (var (output, attempts) in new[] { (few, fewAttempts), (many, manyAttempts) })
        {
            // The greedy answer and the sample of a prompt decode from one pass over it: its tokens count once.
            var greedy = attempts.Where(a => a.Greedy).ToList();
            var tokens = ComputeMeter.GenerationTokens(TinyModels.Tokenizer, greedy.Select(a => a.Prompt).ToList(), greedy.Select(a => a.Attempt).ToList())
                + attempts.Where(a => !a.Greedy).Sum(a => (long)a.Attempt.Length + 1);
            Assert.Equal(Math.Round(2.0 * parameters * tokens / 1e9, 6), Gflop(output), 6);
        }
        Assert.InRange(Gflop(many) / Gflop(few), 2.5, 3.5);
    }

    [Fact]
    public async Task The_gate_reports_compute_in_proportion_to_the_items_and_the_models_it_scores()
    {
        await LoopSteps.PretrainAsync(_store, "adder", steps: 20, maxLength: 2);
        await LoopSteps.PretrainAsync(_store, "other", steps: 20, maxLength: 2);
        Task<JsonObject> GateAsync(string candidate, string champion, int items, string key) => LoopStore.RunAsync(new GateActivity(_store.Learning), new JsonObject
        {
            ["candidate"] = candidate, ["champion"] = champion, ["task"] = "arithmetic/addition", ["targets"] = new JsonArray(1, 2), ["items"] = items, ["scanBeyond"] = 0, ["recheck"] = false,
        }, key);

        var measured = await GateAsync("adder@1", "adder@1", 32, "measure");
        var moreItems = await GateAsync("adder@1", "adder@1", 64, "round/0/gate");
        var twoModels = await GateAsync("other@1", "adder@1", 32, "round/1/gate");

        Assert.True(Gflop(measured) > 0);
        Assert.InRange(Gflop(moreItems) / Gflop(measured), 1.8, 2.2);
        // The same version on both sides is scored once; two versions of the same shape cost about twice as much (each
        // model's own answers are counted, and their lengths differ a little).
        Assert.InRange(Gflop(twoModels) / Gflop(measured), 1.8, 2.2);
        Assert.True(twoModels["cpuSeconds"]!.GetValue<double>() >= 0);
    }

    public void Dispose() => _store.Dispose();
}
