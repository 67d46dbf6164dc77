using System.Text.Json.Nodes;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Core.Tasks;

namespace Orchestrator.Core.Evaluation.Filters;

/// <summary>
/// <c>format</c>: keeps attempts whose answer has the shape the task declares (<see cref="IAnswerFormat"/>), e.g.
/// max(|a|,|b|)+1 digits for addition. A malformed answer is wrong whatever it says, so dropping it costs nothing.
/// </summary>
public sealed class FormatFilter(TaskRegistry tasks) : IAttemptFilter
{
    public string Name => "format";
    public string Description => "Keeps attempts whose answer has the shape the task declares (length, characters).";

    public IEnumerable<(string Parameter, string Message)> CheckParameters(JsonObject parameters) => FilterParameters.Unknown(parameters);

    public IReadOnlyList<AttemptRecord> Apply(IReadOnlyList<AttemptRecord> attempts, JsonObject parameters)
    {
        var formats = new Dictionary<string, IAnswerFormat>(StringComparer.Ordinal);
        foreach (var name in attempts.Select(a => a.Task).Distinct())
        {
            if (!tasks.TryGet(name, out var task))
                throw new InvalidOperationException($"format: the attempts are for the task '{name}', which is not registered in this process");
            formats[name] = task as IAnswerFormat
                ?? throw new InvalidOperationException($"format: the task '{name}' declares no answer format, so this filter cannot judge its answers; remove 'format' from the evaluator");
        }
        return attempts.Where(a => formats[a.Task].FormatProblem(a.Prompt, a.Attempt) is null).ToList();
    }
}
