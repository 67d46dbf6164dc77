using System.Text.Json.Nodes;

namespace Orchestrator.Core.Registry;

/// <summary>An immutable registered model version: its checkpoint (an artifact hash), metrics and lineage.</summary>
public sealed record ModelVersion
{
    public required string Name { get; init; }
    public required int Version { get; init; }
    public required string CheckpointHash { get; init; }
    public JsonObject Metrics { get; init; } = new();
    public required ModelLineage Lineage { get; init; }
    public required string CreatedBy { get; init; }
    public string? Description { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    public string Reference => $"{Name}@{Version}";
}

/// <summary>
/// Where a model version came from: its parent version, the run and workflow version that produced it, the
/// evaluator version that scored its data, the dataset's hash, the teacher that answered it, the seed and the compute spent.
/// </summary>
public sealed record ModelLineage
{
    /// <summary>The parent version of the same model, or null for a first version.</summary>
    public int? ParentVersion { get; init; }

    public string? RunId { get; init; }

    /// <summary><c>id@version</c> of the workflow that produced it.</summary>
    public string? Workflow { get; init; }

    /// <summary><c>id@version</c> of the evaluator whose judgements built its training data.</summary>
    public string? Evaluator { get; init; }

    public string? DatasetHash { get; init; }

    /// <summary>The model whose answers the training data holds, when another than this one: a teacher (e.g. <c>chat:teacher addition@3</c>).</summary>
    public string? Teacher { get; init; }

    public long? Seed { get; init; }
    public ComputeSpent Compute { get; init; } = ComputeSpent.None;
}

/// <summary>Compute that produced a version: optimiser steps, tokens seen, wall-clock seconds.</summary>
public sealed record ComputeSpent(long TrainingSteps, long Tokens, double Seconds)
{
    public static ComputeSpent None { get; } = new(0, 0, 0);
}
