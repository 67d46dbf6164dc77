using Orchestrator.Core.Aliases;

namespace Orchestrator.Core.Registry;

/// <summary>
/// Models by name, with immutable versions 1, 2, 3… and movable aliases (<c>champion</c>, <c>challenger</c>,
/// any name) whose every move is appended to a journal. A rollback is a move back, journalled like any other.
/// </summary>
public interface IModelRegistry
{
    /// <summary>Registers the next version; the parent, if given, must be an existing version of the same model.</summary>
    Task<ModelVersion> RegisterAsync(RegisterModelRequest request, CancellationToken cancellationToken);

    Task<ModelVersion?> GetAsync(string name, int version, CancellationToken cancellationToken);

    /// <summary>Every model name, ordered.</summary>
    Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken);

    /// <summary>Every version of a model, oldest first.</summary>
    Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string name, CancellationToken cancellationToken);

    /// <summary>The model's aliases and the versions they point at.</summary>
    Task<IReadOnlyDictionary<string, int>> GetAliasesAsync(string name, CancellationToken cancellationToken);

    /// <summary>Moves an alias to an existing version and appends the move to its journal, atomically.</summary>
    Task<AliasMove> MoveAliasAsync(AliasMoveRequest request, CancellationToken cancellationToken);

    /// <summary>The alias's journal, oldest first.</summary>
    Task<IReadOnlyList<AliasMove>> GetAliasHistoryAsync(string name, string alias, CancellationToken cancellationToken);
}
