using System.Text.Json.Nodes;

namespace Orchestrator.Core.Scheduling;

/// <summary>
/// A schedule as our store keeps it: which workflow to run, when (a cron expression in a time zone), with which
/// inputs and on which queue. Our store is the truth about what is scheduled; a scheduler (Hangfire's recurring
/// jobs) is registered from these records, never the other way round.
/// </summary>
public sealed record ScheduleRecord
{
    public required string Name { get; init; }
    public required string WorkflowId { get; init; }

    /// <summary>The pinned version, or null for the newest published version at each fire.</summary>
    public int? WorkflowVersion { get; init; }

    /// <summary>Five fields (minute resolution) or six (seconds first).</summary>
    public required string Cron { get; init; }

    /// <summary>An IANA time-zone id the cron is read in; <c>UTC</c> unless given.</summary>
    public string TimeZone { get; init; } = "UTC";

    public JsonObject Inputs { get; init; } = new();
    public string Queue { get; init; } = "default";
    public OverlapPolicy Overlap { get; init; } = OverlapPolicy.Skip;
    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The run the latest fire started, if any.</summary>
    public string? LastRunId { get; init; }

    public DateTimeOffset? LastFireAt { get; init; }
}
