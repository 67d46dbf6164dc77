using System.Text.Json.Nodes;
using Orchestrator.Core.Loop.Records;

namespace Orchestrator.Core.Evaluation.Filters;

/// <summary><c>drop-all</c>: keeps nothing. For controls that must spend the same compute without learning from attempts.</summary>
public sealed class DropAllFilter : IAttemptFilter
{
    public string Name => "drop-all";
    public string Description => "Keeps nothing (for controls that train on earlier data only).";

    public IEnumerable<(string Parameter, string Message)> CheckParameters(JsonObject parameters) => FilterParameters.Unknown(parameters);

    public IReadOnlyList<AttemptRecord> Apply(IReadOnlyList<AttemptRecord> attempts, JsonObject parameters) => [];
}
