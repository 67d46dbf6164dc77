using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Tests.TestSupport.Activities;

/// <summary>An activity that only has a name: for registry conflicts.</summary>
public sealed class NamedActivity(string type) : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(type, "Does nothing.", [], []);

    public IReadOnlyList<InputProblem> CheckInputs(JsonObject inputs, IReadOnlySet<string> deferred) => [];

    public ValueTask<ActivityOutcome> ExecuteAsync(JsonObject inputs, ActivityContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ActivityOutcome.Success(null));
}
