using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;

namespace Orchestrator.Storage.Tests.Support;

/// <summary>Sample runs and steps with every field filled, so a round trip that drops one shows.</summary>
public static class Records
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    public static RunRecord Run(string id = "run-1", DateTimeOffset? createdAt = null) => new()
    {
        Id = id,
        WorkflowId = "self-improve-addition",
        WorkflowVersion = 3,
        DefinitionHash = "sha256:abc123",
        Definitions = new JsonObject
        {
            ["self-improve-addition@3"] = new JsonObject { ["id"] = "self-improve-addition", ["version"] = 3, ["steps"] = new JsonArray(new JsonObject { ["id"] = "a", ["uses"] = "set" }) },
        },
        SourceFile = "workflows/self-improve-addition.yaml",
        Inputs = new JsonObject { ["rounds"] = 12, ["model"] = "addition@champion", ["name"] = "naïve – ünïcode ✓" },
        Seed = 9_007_199_254_740_993,
        Status = RunStatus.Running,
        State = new JsonObject { ["frontier"] = 3, ["history"] = new JsonArray(1, 2.5, null, "x") },
        Position = "round/0/propose",
        Output = null,
        Error = null,
        StepsCommitted = 0,
        CreatedAt = createdAt ?? T0,
        UpdatedAt = (createdAt ?? T0).AddTicks(1),
    };

    public static StepRecord Step(string key = "round/0/propose", StepStatus status = StepStatus.Running) => new()
    {
        Key = key,
        StepId = key.Split('/')[^1],
        Pointer = "/steps/0/do/0",
        Kind = "learning/propose",
        Status = status,
    };

    public static StepRecord Succeeded(string key, int attempts = 1, DateTimeOffset? firstStartedAt = null) => Step(key, StepStatus.Succeeded) with
    {
        Attempts = attempts,
        FirstStartedAt = firstStartedAt ?? T0,
        EndedAt = (firstStartedAt ?? T0).AddMilliseconds(12.3456),
        Output = new JsonObject { ["kept"] = new JsonArray(1, 2, 3), ["key"] = key },
        StateChanges = new JsonObject { ["last"] = key },
    };
}
