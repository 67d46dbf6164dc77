using System.Text.Json.Nodes;

namespace Orchestrator.Core.Activities;

/// <summary>The code behind a step's <c>uses</c>.</summary>
public interface IActivity
{
    ActivityDescriptor Descriptor { get; }

    /// <summary>
    /// Checks a step's inputs before the run starts. Inputs named in <paramref name="deferred"/> hold
    /// expressions and are only known at run time, so only their presence is checked.
    /// </summary>
    IReadOnlyList<InputProblem> CheckInputs(JsonObject inputs, IReadOnlySet<string> deferred);

    /// <summary>Runs one attempt with inputs whose expressions are already resolved.</summary>
    ValueTask<ActivityOutcome> ExecuteAsync(JsonObject inputs, ActivityContext context, CancellationToken cancellationToken);
}
