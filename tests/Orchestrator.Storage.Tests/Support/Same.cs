using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;

namespace Orchestrator.Storage.Tests.Support;

/// <summary>
/// Field-by-field equality of records: their JSON members are compared by content (records compare them by
/// reference), and times by instant, since the store keeps times in UTC.
/// </summary>
public static class Same
{
    public static void Run(RunRecord expected, RunRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.WorkflowId, actual.WorkflowId);
        Assert.Equal(expected.WorkflowVersion, actual.WorkflowVersion);
        Assert.Equal(expected.DefinitionHash, actual.DefinitionHash);
        Json(expected.Definitions, actual.Definitions);
        Assert.Equal(expected.SourceFile, actual.SourceFile);
        Json(expected.Inputs, actual.Inputs);
        Assert.Equal(expected.Seed, actual.Seed);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Queue, actual.Queue);
        Json(expected.State, actual.State);
        Assert.Equal(expected.Position, actual.Position);
        Json(expected.Output, actual.Output);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.StepsCommitted, actual.StepsCommitted);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
    }

    public static void Step(StepRecord expected, StepRecord actual)
    {
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.StepId, actual.StepId);
        Assert.Equal(expected.Pointer, actual.Pointer);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Attempts, actual.Attempts);
        Assert.Equal(expected.FirstStartedAt, actual.FirstStartedAt);
        Assert.Equal(expected.EndedAt, actual.EndedAt);
        Json(expected.Output, actual.Output);
        Json(expected.StateChanges, actual.StateChanges);
        Assert.Equal(expected.Error, actual.Error);
    }

    public static void Json(JsonNode? expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}");
}
