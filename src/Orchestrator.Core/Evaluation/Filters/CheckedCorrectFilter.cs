using System.Text.Json.Nodes;
using Orchestrator.Core.Loop.Records;

namespace Orchestrator.Core.Evaluation.Filters;

/// <summary><c>checked-correct</c>: keeps the attempts the task's checker accepted (the verified track).</summary>
public sealed class CheckedCorrectFilter : IAttemptFilter
{
    public string Name => "checked-correct";
    public string Description => "Keeps attempts the task's checker accepted; needs the output of task/check.";

    public IEnumerable<(string Parameter, string Message)> CheckParameters(JsonObject parameters) => FilterParameters.Unknown(parameters);

    public IReadOnlyList<AttemptRecord> Apply(IReadOnlyList<AttemptRecord> attempts, JsonObject parameters)
    {
        if (attempts.FirstOrDefault(a => a.Correct is null) is { } unchecked_)
            throw new InvalidOperationException($"checked-correct needs checked attempts, but the attempt at \"{unchecked_.Prompt}\" has no verdict; pass the 'checked' output of task/check, not propose's attempts");
        return attempts.Where(a => a.Correct == true).ToList();
    }
}
