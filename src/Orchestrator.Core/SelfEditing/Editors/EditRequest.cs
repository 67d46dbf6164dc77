namespace Orchestrator.Core.SelfEditing.Editors;

/// <summary>
/// What an editor is asked for: <see cref="Count"/> proposals for <see cref="Space"/>, with randomness only from
/// <see cref="Random"/> (so a replay proposes the same), and what is known of past edits of the definition — its
/// edit journal (accepted and refused proposals, with their reasons) and the adoptions the meta-gate confirmed. An
/// editor that learns from numbers alone (the bandit) may ignore the history; one that reads (an LLM) is shown it.
/// </summary>
public sealed record EditRequest(EditSpace Space, int Count, Random Random)
{
    /// <summary>The definition's edit journal, oldest first, across runs and editors.</summary>
    public IReadOnlyList<EditRecord> Journal { get; init; } = [];

    /// <summary>Drafts that became the current version, with the meta-gate's evidence.</summary>
    public IReadOnlyList<EditAdoption> Adoptions { get; init; } = [];
}

/// <summary>A version that was adopted as current: why, and the meta-gate's mean gain and p-value when it journalled them.</summary>
public sealed record EditAdoption(int Version, string Reason, double? Gain, double? PValue);
