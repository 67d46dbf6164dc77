using System.Text.Json.Nodes;
using Orchestrator.Learning.Activities.Pretrain;

namespace Orchestrator.Learning.Tests.TestSupport;

/// <summary>Tiny settings for the loop activities, so a test trains in seconds: 2 layers, width 32.</summary>
internal static class LoopSteps
{
    public static JsonObject Pretrain(string model, int steps, int maxLength = 3) => new()
    {
        ["model"] = model,
        ["task"] = "arithmetic/addition",
        ["maxLength"] = maxLength,
        ["layers"] = 2,
        ["width"] = 32,
        ["steps"] = steps,
        ["batch"] = 64,
        ["lr"] = 3e-3,
        ["warmup"] = Math.Min(20, steps / 4),
        ["decay"] = steps / 4,
        ["checkpointEvery"] = 0,
        ["replayItems"] = 500,
    };

    public static async Task<JsonObject> PretrainAsync(LoopStore store, string model, int steps, int maxLength = 3, string runId = "run-1") =>
        await LoopStore.RunAsync(new PretrainActivity(store.Learning), Pretrain(model, steps, maxLength), "base-" + model, runId);
}
