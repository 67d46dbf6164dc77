using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;

namespace Orchestrator.Core.Engine.Dispatch;

/// <summary>
/// The wire form of an attempt going to a worker and of its outcome coming back: plain JSON objects, so the
/// store keeps them as documents and a worker of another build reads them without our types.
/// </summary>
public static class StepInvocationJson
{
    public static JsonObject Write(StepInvocation invocation) => new()
    {
        ["runId"] = invocation.RunId,
        ["stepKey"] = invocation.StepKey,
        ["stepId"] = invocation.StepId,
        ["activity"] = invocation.ActivityType,
        ["inputs"] = invocation.Inputs.DeepClone(),
        ["attempt"] = invocation.Attempt,
        ["firstStartedAt"] = invocation.FirstStartedAt.ToString("O"),
        ["seed"] = invocation.Seed,
        ["state"] = invocation.State.DeepClone(),
        ["queue"] = invocation.Queue,
        ["try"] = invocation.Try,
    };

    /// <exception cref="InvalidDataException">A field is missing or of the wrong type; the message names it.</exception>
    public static StepInvocation Read(JsonObject json) => new(
        Text(json, "runId"),
        Text(json, "stepKey"),
        Text(json, "stepId"),
        Text(json, "activity"),
        Object(json, "inputs"),
        Number(json, "attempt") is var attempt and >= 1 and <= int.MaxValue ? (int)attempt : throw Bad("attempt"),
        DateTimeOffset.TryParse(Text(json, "firstStartedAt"), out var first) ? first : throw Bad("firstStartedAt"),
        Number(json, "seed"),
        Object(json, "state"))
    {
        Queue = json["queue"]?.GetValue<string>(),
        Try = json["try"] is null ? null : Number(json, "try") is var @try and >= 1 and <= int.MaxValue ? (int)@try : throw Bad("try"),
    };

    public static JsonObject Write(ActivityOutcome outcome) => outcome.Error is { } error
        ? new JsonObject { ["error"] = new JsonObject { ["type"] = error.Type, ["message"] = error.Message, ["transient"] = error.Transient } }
        : new JsonObject { ["output"] = outcome.Output?.DeepClone(), ["stateChanges"] = outcome.StateChanges?.DeepClone() };

    public static ActivityOutcome ReadOutcome(JsonObject json)
    {
        if (json["error"] is JsonObject error)
            return ActivityOutcome.Failure(Text(error, "type"), Text(error, "message"), error["transient"]?.GetValue<bool>() ?? false);
        return ActivityOutcome.Success(json["output"]?.DeepClone(), json["stateChanges"]?.DeepClone() as JsonObject);
    }

    private static string Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw Bad(name);

    private static long Number(JsonObject json, string name) =>
        json[name] is JsonValue value && (value.TryGetValue<long>(out var number) || (value.TryGetValue<int>(out var small) && (number = small) == small))
            ? number : throw Bad(name);

    private static JsonObject Object(JsonObject json, string name) =>
        json[name] as JsonObject is { } value ? (JsonObject)value.DeepClone() : throw Bad(name);

    private static InvalidDataException Bad(string name) => new($"a dispatched attempt's '{name}' is missing or of the wrong type; the record is damaged");
}
