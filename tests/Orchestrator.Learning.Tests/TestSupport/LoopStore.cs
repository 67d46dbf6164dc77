using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.Testing;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Loop;
using Orchestrator.Core.Tasks;
using Orchestrator.Learning.Loop;
using Orchestrator.Plugins.Arithmetic.Addition;
using Orchestrator.Plugins.Arithmetic.Reversal;
using Orchestrator.Storage;

namespace Orchestrator.Learning.Tests.TestSupport;

/// <summary>
/// A real embedded store (SQLite file and artifact folder) in a temporary folder, with the loop activities wired
/// to it, the arithmetic tasks and the repository's evaluators: each test runs activities as a workflow would.
/// </summary>
internal sealed class LoopStore : IDisposable
{
    public LoopStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "orchestrator-loop-" + Guid.NewGuid().ToString("N")[..8]);
        Stores = StoreFactory.Open(Folder);
        var tasks = new TaskRegistry().Add(new AdditionTask()).Add(new DigitReversalTask());
        Loop = new LoopServices(tasks, new EvaluatorCatalog([Path.Combine(RepositoryRoot, "workflows")], AttemptFilterRegistry.BuiltIn(tasks)))
            .Attach(Stores.Artifacts, Stores.Models, Path.Combine(Folder, "scratch"));
        Learning = new LearningServices(Loop);
    }

    public string Folder { get; }
    public OrchestratorStores Stores { get; }
    public LoopServices Loop { get; }
    public LearningServices Learning { get; }

    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Orchestrator.sln"))) folder = folder.Parent;
            return folder?.FullName ?? throw new InvalidOperationException("the repository root (Orchestrator.sln) is not above the test binaries");
        }
    }

    /// <summary>Runs an activity with the given inputs as step <paramref name="stepKey"/> of run <paramref name="runId"/> and returns its output; fails the test on a failure.</summary>
    public static async Task<JsonObject> RunAsync(IActivity activity, JsonObject inputs, string stepKey = "step", string runId = "run-1", long seed = 1)
    {
        var outcome = await new ActivityHarness(activity) { StepKey = stepKey, RunId = runId, Seed = seed }.RunAsync(inputs);
        Assert.True(outcome.Succeeded, outcome.Error?.ToString());
        return (JsonObject)outcome.Output!;
    }

    public void Dispose()
    {
        Stores.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
