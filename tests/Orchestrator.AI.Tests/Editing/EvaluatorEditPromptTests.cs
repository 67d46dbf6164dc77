using Orchestrator.AI.Editing;
using Orchestrator.AI.Tests.Support;
using Orchestrator.Core.Evaluation;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.SelfEditing.Editors;

namespace Orchestrator.AI.Tests.Editing;

/// <summary>The LLM editor's request when the edited document is an evaluator.</summary>
public sealed class EvaluatorEditPromptTests
{
    [Fact]
    public void An_evaluator_s_prompt_says_it_is_an_evaluator_what_its_edits_are_judged_on_and_lists_its_tunables()
    {
        var file = Path.Combine(ShippedWorkflows.RepositoryRoot, "workflows", "evaluators", "selflabel.yaml");
        var (evaluator, issues, document) = EvaluatorReader.ReadFile(file, AttemptFilterRegistry.BuiltIn());
        Assert.Empty(issues);

        var prompt = EditPrompt.Build(new EditRequest(EditSpace.Of(evaluator!, document!.Root), 1, new Random(1)), new LearnedGains(), []).User;

        Assert.StartsWith("Evaluator selflabel@2: Keep well-formed answers", prompt);
        Assert.Contains(EditPrompt.EvaluatorText, prompt);
        Assert.Contains("- /filters/2/with/min: now 0.98; a number from 0.5 to 0.999", prompt);
        Assert.Contains("- /filters/3/with/minShare: now 0.5; a number from 0.3 to 0.9", prompt);
        Assert.Contains("\"uses\": \"invariance\"", prompt);
    }
}
