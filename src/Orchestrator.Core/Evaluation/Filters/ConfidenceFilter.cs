using System.Text.Json.Nodes;
using Orchestrator.Core.Loop.Records;

namespace Orchestrator.Core.Evaluation.Filters;

/// <summary>
/// <c>confidence</c>: keeps attempts the model itself found likely — the probability of the whole answer at
/// temperature 1 at least <c>min</c>. Errors at a new length tend to be the uncertain answers.
/// </summary>
public sealed class ConfidenceFilter : IAttemptFilter
{
    public string Name => "confidence";
    public string Description => "Keeps attempts whose sequence probability under the model is at least 'min' (0..1, default 0.5).";

    public IEnumerable<(string Parameter, string Message)> CheckParameters(JsonObject parameters) =>
        FilterParameters.Unknown(parameters, "min").Concat(FilterParameters.InRange(parameters, "min", 0, 1));

    public IReadOnlyList<AttemptRecord> Apply(IReadOnlyList<AttemptRecord> attempts, JsonObject parameters)
    {
        if (attempts.FirstOrDefault(a => a.Confidence is null) is { } unscored)
            throw new InvalidOperationException($"confidence: the attempt at \"{unscored.Prompt}\" carries no probability; it was not made by learning/propose of this version");
        var min = FilterParameters.Number(parameters, "min", 0.5);
        return attempts.Where(a => a.Confidence >= min).ToList();
    }
}
