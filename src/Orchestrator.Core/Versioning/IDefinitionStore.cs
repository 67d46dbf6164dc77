using Orchestrator.Core.Aliases;

namespace Orchestrator.Core.Versioning;

/// <summary>
/// Versioned workflow definitions. Versions are immutable and numbered 1, 2, 3… per definition id; the
/// <c>current</c> alias names the version <c>run ID</c> runs, and every move of it is journalled.
/// Nothing is ever deleted: a rollback is an alias move.
/// </summary>
public interface IDefinitionStore
{
    public const string CurrentAlias = "current";

    /// <summary>
    /// Stores the next version, unless a version of this id already has the same content hash: then that
    /// version is returned with <c>Created = false</c> and nothing changes.
    /// </summary>
    Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken);

    Task<DefinitionVersion?> GetAsync(string definitionId, int version, CancellationToken cancellationToken);

    /// <summary>Every version of the id, oldest first.</summary>
    Task<IReadOnlyList<DefinitionVersion>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>Every definition id in the store, ordered.</summary>
    Task<IReadOnlyList<string>> ListDefinitionIdsAsync(CancellationToken cancellationToken);

    /// <summary>The version an alias points at, or null.</summary>
    Task<int?> GetAliasAsync(string definitionId, string alias, CancellationToken cancellationToken);

    /// <summary>Moves an alias (to an existing version) and appends the move to its journal, atomically.</summary>
    Task<AliasMove> MoveAliasAsync(AliasMoveRequest request, CancellationToken cancellationToken);

    /// <summary>The alias's journal, oldest first.</summary>
    Task<IReadOnlyList<AliasMove>> GetAliasHistoryAsync(string definitionId, string alias, CancellationToken cancellationToken);

    /// <summary>Appends a self-edit proposal, accepted or refused, to the definition's edit journal.</summary>
    Task<SelfEditing.EditRecord> AppendEditAsync(SelfEditing.EditJournalEntry entry, CancellationToken cancellationToken);

    /// <summary>The definition's edit journal, oldest first.</summary>
    Task<IReadOnlyList<SelfEditing.EditRecord>> GetEditsAsync(string definitionId, CancellationToken cancellationToken);
}
