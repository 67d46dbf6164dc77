using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Loop.Records;

namespace Orchestrator.Core.Evaluation.Filters;

/// <summary>
/// <c>ensemble</c>: agreement across model versions. Keeps an answer when at least <c>min</c> of the <c>of</c>
/// models that attempted a prompt gave it (attempts carry their model; <c>learning/propose</c> with
/// <c>ensemble</c> makes them). Independent models rarely make the same mistake, which is what makes a vote precise.
/// The models are counted in what the evaluator was given, not in what reaches this filter: a model whose attempts
/// earlier filters all dropped (none confident, say) is a model that did not agree, so <c>min: all</c> after
/// <c>confidence</c> still means every model that proposed, however many that is.
/// </summary>
public sealed class EnsembleFilter : IAttemptFilter
{
    /// <summary>The value of <c>min</c> that asks every model that proposed to give the answer.</summary>
    public const string Every = "all";

    public string Name => "ensemble";
    public string Description => $"Keeps answers at least 'min' of 'of' models agree on (parameters: min, default 2, or '{Every}' for every model; of, default: every model that proposed).";

    public IEnumerable<(string Parameter, string Message)> CheckParameters(JsonObject parameters)
    {
        foreach (var issue in FilterParameters.Unknown(parameters, "min", "of").Concat(FilterParameters.InRange(parameters, "of", 1, 64, integer: true)))
            yield return issue;
        if (parameters["min"] is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            if (text.GetValue<string>() != Every)
                yield return ("min", $"must be a whole number or '{Every}' (every model that proposed), not '{text.GetValue<string>()}'");
            yield break;
        }
        foreach (var issue in FilterParameters.InRange(parameters, "min", 1, 64, integer: true))
            yield return issue;
        if (parameters.ContainsKey("of") && FilterParameters.Number(parameters, "min", 2) > FilterParameters.Number(parameters, "of", 64))
            yield return ("min", "must not be more than 'of' (no answer can get more votes than there are models)");
    }

    public IReadOnlyList<AttemptRecord> Apply(IReadOnlyList<AttemptRecord> attempts, JsonObject parameters) => Apply(attempts, parameters, attempts);

    public IReadOnlyList<AttemptRecord> Apply(IReadOnlyList<AttemptRecord> attempts, JsonObject parameters, IReadOnlyList<AttemptRecord> proposed)
    {
        if (proposed.Concat(attempts).FirstOrDefault(a => a.Model is null) is { } anonymous)
            throw new InvalidOperationException($"ensemble: the attempt at \"{anonymous.Prompt}\" does not say which model made it; propose with 'ensemble' so every attempt records its model");
        var models = proposed.Concat(attempts).Select(a => a.Model!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var of = (int)FilterParameters.Number(parameters, "of", models.Count);
        var min = parameters["min"] is JsonValue text && text.GetValueKind() == JsonValueKind.String ? of : (int)FilterParameters.Number(parameters, "min", Math.Min(2, of));
        if (proposed.Count > 0 && models.Count < of)
            throw new InvalidOperationException($"ensemble: the evaluator asks for {min} of {of} models, but the attempts come from {models.Count} ({string.Join(", ", models)}); add models to propose's 'ensemble' or lower 'of'");
        var kept = new List<AttemptRecord>();
        foreach (var prompt in attempts.GroupBy(a => (a.Task, a.Prompt)))
        {
            var votes = prompt.GroupBy(a => a.Attempt, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(a => a.Model).Distinct().Count(), StringComparer.Ordinal);
            kept.AddRange(prompt.Where(a => votes[a.Attempt] >= min));
        }
        return kept;
    }
}
