using System.Text.Json.Nodes;

namespace Orchestrator.Core.Engine;

/// <summary>
/// One run as stored. <see cref="Definitions"/> holds the pinned documents of the workflow and every
/// workflow it calls (keyed <c>id@version</c>), so a resumed run never depends on files that may have changed.
/// </summary>
public sealed record RunRecord
{
    public const int CurrentSchemaVersion = 1;

    public required string Id { get; init; }
    public required string WorkflowId { get; init; }
    public required int WorkflowVersion { get; init; }
    public required string DefinitionHash { get; init; }
    public required JsonObject Definitions { get; init; }
    public string? SourceFile { get; init; }
    public required JsonObject Inputs { get; init; }
    public required long Seed { get; init; }

    /// <summary>The worker queue the run was enqueued on; null for a run executed in-process by <c>run</c>.</summary>
    public string? Queue { get; init; }
    public RunStatus Status { get; init; } = RunStatus.Running;
    public JsonObject State { get; init; } = new();
    public string? Position { get; init; }
    public JsonNode? Output { get; init; }
    public StepError? Error { get; init; }
    public int StepsCommitted { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
