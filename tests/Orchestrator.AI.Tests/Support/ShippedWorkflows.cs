using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.BuiltIn;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Loop;
using Orchestrator.Core.Tasks;
using Orchestrator.Learning.Activities;
using Orchestrator.Learning.Loop;
using Orchestrator.Plugins.Arithmetic.Addition;

namespace Orchestrator.AI.Tests.Support;

/// <summary>The repository's workflows, loaded and validated with every activity the improvement loop has.</summary>
internal static class ShippedWorkflows
{
    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Orchestrator.sln"))) folder = folder.Parent;
            return folder?.FullName ?? throw new InvalidOperationException("the repository root (Orchestrator.sln) is not above the test binaries");
        }
    }

    public static WorkflowDefinition Load(string file)
    {
        var tasks = new TaskRegistry().Add(new AdditionTask());
        var workflows = Path.Combine(RepositoryRoot, "workflows");
        var loop = new LoopServices(tasks, new EvaluatorCatalog([workflows], AttemptFilterRegistry.BuiltIn(tasks)));
        var loader = new DefinitionLoader(new ActivityRegistry().AddBuiltInActivities().AddImprovementLoop(new LearningServices(loop)));
        var result = loader.LoadFile(Path.Combine(workflows, file));
        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        return result.Definition!;
    }
}
