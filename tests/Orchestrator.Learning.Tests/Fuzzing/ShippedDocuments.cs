using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.BuiltIn;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Loop;
using Orchestrator.Core.Meta;
using Orchestrator.Core.Parsing;
using Orchestrator.Core.SelfEditing;
using Orchestrator.Core.SelfEditing.Editors;
using Orchestrator.Core.Tasks;
using Orchestrator.Core.Validation;
using Orchestrator.Learning.Activities;
using Orchestrator.Learning.Loop;
using Orchestrator.Learning.Tests.TestSupport;
using Orchestrator.Plugins.Arithmetic.Addition;
using Orchestrator.Plugins.Arithmetic.Reversal;

namespace Orchestrator.Learning.Tests.Fuzzing;

/// <summary>
/// The repository's workflows and evaluators, the seeds every fuzz case mutates, with a loader that knows every
/// activity the engine ships (built-in, loop, learning and meta), so a mutated document is judged as a real run
/// would judge it.
/// </summary>
internal static class ShippedDocuments
{
    private static readonly string Workflows = Path.Combine(LoopStore.RepositoryRoot, "workflows");
    private static readonly TaskRegistry Tasks = new TaskRegistry().Add(new AdditionTask()).Add(new DigitReversalTask());

    public static AttemptFilterRegistry Filters { get; } = AttemptFilterRegistry.BuiltIn(Tasks);

    public static ActivityRegistry Activities { get; } = CreateActivities();

    public static DefinitionLoader Loader { get; } = new(Activities);

    /// <summary>Each shipped workflow as (file name, text, tree).</summary>
    public static IReadOnlyList<(string File, string Text, JsonObject Tree)> WorkflowFiles { get; } = Read(Directory.GetFiles(Workflows, "*.yaml"));

    /// <summary>Each shipped evaluator as (file name, text, tree).</summary>
    public static IReadOnlyList<(string File, string Text, JsonObject Tree)> EvaluatorFiles { get; } = Read(Directory.GetFiles(Path.Combine(Workflows, "evaluators"), "*.yaml"));

    /// <summary>Each shipped workflow that declares tunables, as the policy sees it (the demos need the sample plugin and declare none).</summary>
    public static IReadOnlyList<EditableDocument> EditableWorkflows { get; } = WorkflowFiles
        .Select(f => Loader.LoadText(f.File, f.Text))
        .Where(r => r.IsValid && r.Definition!.Tunables.Count > 0)
        .Select(r => r.Definition!)
        .Select(EditableDocument.Of)
        .ToList();

    /// <summary>Each shipped evaluator that declares tunables.</summary>
    public static IReadOnlyList<EditableDocument> EditableEvaluators { get; } = EvaluatorFiles
        .Select(f => (Result: EvaluatorReader.Read(DocumentReader.Read(f.File, f.Text), Filters), f.Tree))
        .Where(e => e.Result.Evaluator is { Tunables.Count: > 0 })
        .Select(e => EditableDocument.Of(e.Result.Evaluator!, e.Tree))
        .ToList();

    public static SelfEditPolicy WorkflowPolicy { get; } = new(document => Loader.Load(new ParsedDocument("patched.yaml", document, SourceMap.Empty)).Issues);

    public static SelfEditPolicy EvaluatorPolicy { get; } = new(document => EvaluatorReader.Read(new ParsedDocument("patched.yaml", document, SourceMap.Empty), Filters).Issues);

    private static ActivityRegistry CreateActivities()
    {
        var loop = new LoopServices(Tasks, new EvaluatorCatalog([Workflows], Filters));
        var activities = new ActivityRegistry().AddBuiltInActivities().AddImprovementLoop(new LearningServices(loop));
        return activities.AddMetaActivities(new MetaServices(loop, activities, EditorRegistry.BuiltIn()));
    }

    private static List<(string File, string Text, JsonObject Tree)> Read(string[] paths) =>
        paths.Order(StringComparer.Ordinal).Select(path => (Path.GetFileName(path), File.ReadAllText(path), DocumentReader.ReadFile(path).Root)).ToList();
}
