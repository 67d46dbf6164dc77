using System.Text.Json.Nodes;
using Orchestrator.Core.Loop.Records;

namespace Orchestrator.Core.Evaluation.Filters;

/// <summary>
/// <c>majority</c>: self-consistency across samples of one prompt. Keeps the attempts that give the most common
/// answer when that answer has at least <c>minVotes</c> votes and more than <c>minShare</c> of them.
/// </summary>
public sealed class MajorityFilter : IAttemptFilter
{
    public string Name => "majority";
    public string Description => "Keeps the majority answer per prompt (parameters: minShare 0..1, default 0.5; minVotes, default 2).";

    public IEnumerable<(string Parameter, string Message)> CheckParameters(JsonObject parameters) =>
        FilterParameters.Unknown(parameters, "minShare", "minVotes")
            .Concat(FilterParameters.InRange(parameters, "minShare", 0, 1))
            .Concat(FilterParameters.InRange(parameters, "minVotes", 1, 1000, integer: true));

    public IReadOnlyList<AttemptRecord> Apply(IReadOnlyList<AttemptRecord> attempts, JsonObject parameters)
    {
        var minShare = FilterParameters.Number(parameters, "minShare", 0.5);
        var minVotes = (int)FilterParameters.Number(parameters, "minVotes", 2);
        var kept = new List<AttemptRecord>();
        foreach (var prompt in attempts.GroupBy(a => (a.Task, a.Prompt)))
        {
            var top = prompt.GroupBy(a => a.Attempt).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
            var votes = top.Count();
            if (votes >= minVotes && votes > minShare * prompt.Count()) kept.AddRange(top);
        }
        return kept;
    }
}
