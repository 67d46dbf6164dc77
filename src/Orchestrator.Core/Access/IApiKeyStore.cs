namespace Orchestrator.Core.Access;

/// <summary>
/// API keys by name and by hash, and the journal of the changes made with them. A revoked key stays listed (who
/// revoked it, when) and never authenticates again.
/// </summary>
public interface IApiKeyStore
{
    /// <summary>Stores a new key.</summary>
    /// <exception cref="InvalidOperationException">A key of that name exists (revoked or not); names are never reused.</exception>
    Task CreateKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken);

    /// <summary>Every key, revoked ones included, by name.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(CancellationToken cancellationToken);

    /// <summary>The key with this hash, revoked or not; null when there is none.</summary>
    Task<ApiKeyRecord?> FindKeyByHashAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Revokes the key; false when there is no such key or it was revoked already (nothing changes).</summary>
    Task<bool> RevokeKeyAsync(string name, string revokedBy, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Journals one change made through the server with a key (append-only; numbered by the store).</summary>
    Task AppendAccessAsync(AccessEntry entry, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="limit"/> journal entries, newest first.</summary>
    Task<IReadOnlyList<AccessEntry>> ListAccessAsync(int limit, CancellationToken cancellationToken);
}
