using System.Text.Json.Nodes;

namespace Orchestrator.Core.Aliases;

/// <summary>
/// One entry of an alias journal, which is append-only: the alias <see cref="Alias"/> of <see cref="Subject"/>
/// (a workflow id or a model name) moved from version <see cref="From"/> (null when first set) to <see cref="To"/>,
/// when, by whom (a user, run or editor id), why, and on what evidence (e.g. a gate decision).
/// </summary>
public sealed record AliasMove
{
    public required string Subject { get; init; }
    public required string Alias { get; init; }
    public int? From { get; init; }
    public required int To { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string By { get; init; }
    public required string Reason { get; init; }
    public JsonObject? Evidence { get; init; }

    /// <summary>Position in the journal of this subject and alias, from 1.</summary>
    public long Sequence { get; init; }
}
