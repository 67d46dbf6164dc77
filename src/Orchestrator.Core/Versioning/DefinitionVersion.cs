using System.Text.Json.Nodes;

namespace Orchestrator.Core.Versioning;

/// <summary>
/// An immutable stored version of a workflow definition (or an evaluator). Drafts are candidates — a
/// self-edit under trial — that can be run by number but never become <c>current</c> until published.
/// </summary>
public sealed record DefinitionVersion
{
    public required string DefinitionId { get; init; }
    public required int Version { get; init; }
    public required string ContentHash { get; init; }
    public required JsonObject Document { get; init; }
    public required DefinitionStatus Status { get; init; }

    /// <summary>The version this one was derived from (the current version when it was published), if any.</summary>
    public int? ParentVersion { get; init; }

    /// <summary>A user name, or an editor's id for self-edits.</summary>
    public required string Author { get; init; }

    public required string Reason { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    public string Reference => $"{DefinitionId}@{Version}";
}

public enum DefinitionStatus
{
    Draft,
    Published,
}
