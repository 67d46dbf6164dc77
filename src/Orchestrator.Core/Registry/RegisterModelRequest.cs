using System.Text.Json.Nodes;

namespace Orchestrator.Core.Registry;

/// <summary>A checkpoint (already in the artifact store) to register as the next version of <see cref="Name"/>.</summary>
public sealed record RegisterModelRequest(string Name, string CheckpointHash, ModelLineage Lineage, string CreatedBy, JsonObject? Metrics = null, string? Description = null);
