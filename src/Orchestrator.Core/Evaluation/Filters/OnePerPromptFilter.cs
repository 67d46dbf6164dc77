using System.Text.Json.Nodes;
using Orchestrator.Core.Loop.Records;

namespace Orchestrator.Core.Evaluation.Filters;

/// <summary><c>one-per-prompt</c>: keeps the first kept attempt of each prompt, so agreeing samples do not weight a prompt more.</summary>
public sealed class OnePerPromptFilter : IAttemptFilter
{
    public string Name => "one-per-prompt";
    public string Description => "Keeps one attempt per prompt (the first).";

    public IEnumerable<(string Parameter, string Message)> CheckParameters(JsonObject parameters) => FilterParameters.Unknown(parameters);

    public IReadOnlyList<AttemptRecord> Apply(IReadOnlyList<AttemptRecord> attempts, JsonObject parameters) =>
        attempts.DistinctBy(a => (a.Task, a.Prompt)).ToList();
}
