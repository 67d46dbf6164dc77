using System.Text.Json.Nodes;
using Orchestrator.Core.Loop.Records;

namespace Orchestrator.Core.Evaluation.Filters;

/// <summary>
/// <c>invariance</c>: keeps an answer only when the model gave it to a prompt and to every variant of that prompt
/// it was asked (e.g. a+b and b+a). The variants come from the task (<see cref="Tasks.IPromptVariants"/>) via
/// <c>learning/propose</c> with <c>variants: true</c>; attempts at the original and at the variants are both kept.
/// </summary>
public sealed class InvarianceFilter : IAttemptFilter
{
    public string Name => "invariance";
    public string Description => "Keeps answers the model gives both to a prompt and to each of its task-declared variants (e.g. a+b and b+a).";

    public IEnumerable<(string Parameter, string Message)> CheckParameters(JsonObject parameters) => FilterParameters.Unknown(parameters);

    public IReadOnlyList<AttemptRecord> Apply(IReadOnlyList<AttemptRecord> attempts, JsonObject parameters)
    {
        if (attempts.Count > 0 && attempts.All(a => a.Variant is null))
            throw new InvalidOperationException("invariance: no attempt is at a prompt variant, so nothing can be compared; propose with 'variants: true' on a task that declares variants");
        var kept = new List<AttemptRecord>();
        foreach (var family in attempts.GroupBy(a => (a.Task, a.OriginalPrompt)))
        {
            // Each form (the original, each variant) has its own set of answers; an answer survives if every form gave it.
            var forms = family.GroupBy(a => a.Variant ?? "").Select(form => form.Select(a => a.Attempt).ToHashSet(StringComparer.Ordinal)).ToList();
            if (forms.Count < 2) continue;
            kept.AddRange(family.Where(a => forms.All(answers => answers.Contains(a.Attempt))));
        }
        return kept;
    }
}
