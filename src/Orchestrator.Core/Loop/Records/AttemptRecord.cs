using System.Text.Json.Serialization;

namespace Orchestrator.Core.Loop.Records;

/// <summary>
/// One attempt of the model at one problem, as stored in an attempts artifact (JSON Lines). <see cref="Attempt"/>
/// is the model's own output; <see cref="Reference"/> is the task's answer, carried for the checker only —
/// training data is built from <see cref="Attempt"/>, never from it.
/// </summary>
public sealed record AttemptRecord
{
    public required string Task { get; init; }
    public required string Prompt { get; init; }
    public required int Length { get; init; }
    public required string Attempt { get; init; }

    /// <summary>Which sample of this prompt (0 is greedy when greedy decoding was asked for).</summary>
    public int Sample { get; init; }

    public bool Greedy { get; init; }

    /// <summary>The task's answer, for <c>task/check</c>; never a training label.</summary>
    public required string Reference { get; init; }

    /// <summary>The model version that made the attempt, NAME@VERSION (ensembles hold several).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Model { get; init; }

    /// <summary>For an attempt a chat model made: the connection it was asked through (its answering model is <see cref="Model"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Chat { get; init; }

    /// <summary>The model's probability of this whole answer (end token included), at temperature 1.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Confidence { get; init; }

    /// <summary>For an attempt at a rewritten prompt: the variant's name (e.g. <c>commuted</c>); null for the original.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Variant { get; init; }

    /// <summary>For an attempt at a rewritten prompt: the original prompt it stands for.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Origin { get; init; }

    /// <summary>The prompt this attempt answers for: the original one, also for variants.</summary>
    [JsonIgnore]
    public string OriginalPrompt => Origin ?? Prompt;

    /// <summary>The checker's verdict, once <c>task/check</c> has run.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Correct { get; init; }
}
