using Orchestrator.Core.Definitions;
using Orchestrator.Core.Expressions;
using Orchestrator.Core.Json;

namespace Orchestrator.Core.Validation.Rules;

/// <summary>A loop must end: it needs <c>times</c>, or <c>until</c> together with a hard <c>max</c>.</summary>
public sealed class BoundedLoopsRule : IDefinitionRule
{
    public void Check(DefinitionValidationContext context, IssueList issues)
    {
        foreach (var loop in context.Definition.AllSteps().OfType<LoopStep>())
        {
            if (loop.Times is null && loop.Until is null)
                issues.Add(loop.Pointer + "/loop", $"the loop '{loop.Id}' has neither 'times' nor 'until'", "add 'times: N', or 'until: \"${...}\"' with 'max: N'");
            else if (loop.Times is null && loop.Max is null)
                issues.Add(loop.Pointer + "/loop", $"the loop '{loop.Id}' has only 'until', so nothing bounds it if the condition never holds", "add 'max: N', the most iterations it may run");
            if (loop.Times is { } times && !IsExpression(times) && (!JsonTypes.Matches(times, InputType.Int) || !JsonTypes.TryGetNumber(times, out var n) || n < 0))
                issues.Add(loop.Pointer + "/loop/times", $"times {times.ToJsonString()} is not a whole number", "write a number such as 3, or an expression \"${inputs.rounds}\"");
        }
    }

    private static bool IsExpression(System.Text.Json.Nodes.JsonNode node) =>
        node.GetValueKind() == System.Text.Json.JsonValueKind.String && ExpressionTemplate.Contains(node.GetValue<string>());
}
