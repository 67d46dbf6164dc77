using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Core.Evaluation.Filters;
using Orchestrator.Core.Loop.Records;

namespace Orchestrator.Plugins.Sample.MaxLength;

/// <summary>
/// <c>sample/max-length</c>, an example of an evaluator filter a plugin adds: keeps attempts whose answer has at most
/// <c>max</c> characters. A filter checks its own parameters (so a broken evaluator is reported before a run) and is
/// pure: the same attempts and parameters always keep the same items.
/// </summary>
public sealed class MaxLengthFilter : IAttemptFilter
{
    public string Name => "sample/max-length";
    public string Description => "Keeps attempts whose answer is at most 'max' characters (an example plugin filter).";

    public IEnumerable<(string Parameter, string Message)> CheckParameters(JsonObject parameters)
    {
        foreach (var (key, _) in parameters.Where(p => p.Key != "max"))
            yield return (key, "unknown parameter; this filter takes: max");
        if (!parameters.ContainsKey("max")) yield return ("max", "is required: the longest answer kept, in characters");
        else if (!TryMax(parameters, out _)) yield return ("max", "must be a whole number from 0");
    }

    public IReadOnlyList<AttemptRecord> Apply(IReadOnlyList<AttemptRecord> attempts, JsonObject parameters) =>
        TryMax(parameters, out var max) ? attempts.Where(a => a.Attempt.Length <= max).ToList() : throw new InvalidOperationException("sample/max-length: 'max' must be a whole number from 0");

    private static bool TryMax(JsonObject parameters, out int max) =>
        int.TryParse(parameters["max"]?.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out max);
}
