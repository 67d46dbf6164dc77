using System.Text.Json.Nodes;
using Orchestrator.AI.Chat;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Loop;
using Orchestrator.Core.Tasks;
using Orchestrator.Learning.Activities.Pretrain;
using Orchestrator.Learning.Loop;
using Orchestrator.Plugins.Arithmetic.Addition;
using Orchestrator.Plugins.Arithmetic.Reversal;
using Orchestrator.Storage;

namespace Orchestrator.AI.Tests.TestSupport;

/// <summary>
/// A real embedded store (SQLite file and artifact folder) in a temporary folder with the arithmetic tasks, where
/// tests train tiny real models and serve them.
/// </summary>
public sealed class ChatStore : IAsyncDisposable
{
    public ChatStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "orchestrator-chat-" + Guid.NewGuid().ToString("N")[..8]);
        Stores = StoreFactory.Open(Folder);
        var tasks = new TaskRegistry().Add(new AdditionTask()).Add(new DigitReversalTask());
        Loop = new LoopServices(tasks, new EvaluatorCatalog([], AttemptFilterRegistry.BuiltIn(tasks)))
            .Attach(Stores.Artifacts, Stores.Models, Path.Combine(Folder, "scratch"));
        Learning = new LearningServices(Loop);
        Served = new ServedModels(Learning, capacity: 2);
    }

    public string Folder { get; }
    public OrchestratorStores Stores { get; }
    public LoopServices Loop { get; }
    public LearningServices Learning { get; }
    public ServedModels Served { get; }

    /// <summary>Trains a tiny base model of <paramref name="task"/> (2 layers, width 32) as the next version of <paramref name="model"/> and returns its reference.</summary>
    public async Task<string> TrainAsync(string model, int steps = 300, string task = "arithmetic/addition", int maxLength = 2, string runId = "run-1")
    {
        var outcome = await new ActivityHarness(new PretrainActivity(Learning)) { StepKey = "base-" + model, RunId = runId, Seed = 7 }.RunAsync(new JsonObject
        {
            ["model"] = model, ["task"] = task, ["maxLength"] = maxLength, ["layers"] = 2, ["width"] = 32, ["steps"] = steps, ["batch"] = 64,
            ["lr"] = 3e-3, ["warmup"] = Math.Min(20, steps / 4), ["decay"] = steps / 4, ["checkpointEvery"] = 0, ["replayItems"] = 100,
        });
        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        return ((JsonObject)outcome.Output!)["model"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        await Served.DisposeAsync();
        Stores.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
