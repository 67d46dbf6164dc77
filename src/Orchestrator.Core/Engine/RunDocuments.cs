using System.Text.Json.Nodes;

namespace Orchestrator.Core.Engine;

/// <summary>
/// A run, a step and an error as JSON documents: what <c>--json</c> prints and the HTTP API returns, one shape for both.
/// </summary>
public static class RunDocuments
{
    public static JsonObject Summary(RunRecord run) => new()
    {
        ["id"] = run.Id,
        ["workflow"] = run.WorkflowId,
        ["version"] = run.WorkflowVersion,
        ["definitionHash"] = run.DefinitionHash,
        ["status"] = Name(run.Status),
        ["seed"] = run.Seed,
        ["queue"] = run.Queue,
        ["stepsCommitted"] = run.StepsCommitted,
        ["position"] = run.Position,
        ["createdAt"] = run.CreatedAt,
        ["updatedAt"] = run.UpdatedAt,
    };

    public static JsonObject Run(RunRecord run)
    {
        var json = Summary(run);
        json["inputs"] = run.Inputs.DeepClone();
        json["state"] = run.State.DeepClone();
        json["output"] = run.Output?.DeepClone();
        json["error"] = Error(run.Error);
        return json;
    }

    public static JsonObject Step(StepRecord step) => new()
    {
        ["key"] = step.Key,
        ["id"] = step.StepId,
        ["pointer"] = step.Pointer,
        ["kind"] = step.Kind,
        ["status"] = Name(step.Status),
        ["attempts"] = step.Attempts,
        ["startedAt"] = step.FirstStartedAt,
        ["endedAt"] = step.EndedAt,
        ["output"] = step.Output?.DeepClone(),
        ["stateChanges"] = step.StateChanges?.DeepClone(),
        ["error"] = Error(step.Error),
    };

    /// <summary>A step without its output and state changes: what a journal view needs of each of thousands of steps.</summary>
    public static JsonObject StepBrief(StepRecord step)
    {
        var json = Step(step with { Output = null, StateChanges = null });
        json.Remove("output");
        json.Remove("stateChanges");
        return json;
    }

    public static JsonObject? Error(StepError? error) => error is null ? null : new JsonObject
    {
        ["type"] = error.Type,
        ["message"] = error.Message,
        ["step"] = error.StepKey,
        ["pointer"] = error.Pointer,
        ["attempt"] = error.Attempt,
    };

    public static string Name<T>(T value) where T : Enum => value.ToString().ToLowerInvariant();
}
