using System.Text.Json.Nodes;

namespace Orchestrator.Core.SelfEditing.Editors;

/// <summary>
/// Proposes self-edits to a definition and learns from how its past proposals fared. The built-in editor is a
/// bandit over the declared edit space; an LLM editor implements the same interface. Editors only propose: every
/// proposal still goes through <see cref="SelfEditPolicy"/> and the trials, so a bad editor wastes compute, never
/// safety. Its state is a JSON document, versioned in the model registry with lineage so it improves across runs.
/// </summary>
public interface IWorkflowEditor
{
    /// <summary>The name workflows use (e.g. <c>bandit</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Up to <see cref="EditRequest.Count"/> proposals. An editor that asks something outside the process answers
    /// every slot even when asking failed (<see cref="EditProposal.Spent"/>): a bad answer spends the slot, it never
    /// fails the outer loop. Only <paramref name="cancellationToken"/> (the run being stopped) ends it early.
    /// </summary>
    Task<IReadOnlyList<EditProposal>> ProposeAsync(EditRequest request, CancellationToken cancellationToken);

    /// <summary>Takes in the measured outcome of a proposal: its gain in the meta-objective over its parent version.</summary>
    void Learn(string arm, double reward);

    /// <summary>Everything the editor has learned, as JSON.</summary>
    JsonObject SaveState();

    /// <summary>Continues from a state <see cref="SaveState"/> wrote.</summary>
    /// <exception cref="FormatException">The state is not one this editor wrote.</exception>
    void LoadState(JsonObject state);
}
