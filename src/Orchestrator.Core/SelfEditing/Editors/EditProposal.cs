using System.Text.Json.Nodes;

namespace Orchestrator.Core.SelfEditing.Editors;

/// <summary>
/// An editor's proposal: the patch, the arm of the editor's edit space it came from (what the editor learns about,
/// e.g. <c>/steps/4/do/4/with/steps:down</c>) and, in words, why. An editor that asks a model also says which model
/// answered and what the answer cost; when a slot gave no usable patch (an answer that is not JSON, a timeout, an
/// endpoint error) the proposal says why in <see cref="Failure"/>, so the slot is journalled and counted as spent.
/// </summary>
public sealed record EditProposal(JsonArray Patch, string Arm, string Rationale)
{
    /// <summary>Why this slot has no usable patch; null for a proposal the policy should judge.</summary>
    public string? Failure { get; init; }

    /// <summary>The model the endpoint said answered (or, when none did, the one asked); null for editors without one.</summary>
    public string? AnsweredBy { get; init; }

    /// <summary>Tokens the request spent, when the endpoint reported them.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>The start of an answer that could not be used (at most <see cref="KeptAnswer"/> characters), to see what went wrong.</summary>
    public string? Answer { get; init; }

    public const int KeptAnswer = 500;

    /// <summary>A slot spent without a usable patch.</summary>
    public static EditProposal Spent(string failure, string? answeredBy = null, TokenUsage? usage = null, string? answer = null) =>
        new([], "-", failure)
        {
            Failure = failure, AnsweredBy = answeredBy, Usage = usage,
            Answer = answer is { Length: > KeptAnswer } ? answer[..KeptAnswer] : answer,
        };
}

/// <summary>Tokens one request spent: in the prompt and in the completion.</summary>
public sealed record TokenUsage(long? Prompt, long? Completion);
