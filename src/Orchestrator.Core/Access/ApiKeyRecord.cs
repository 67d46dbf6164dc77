namespace Orchestrator.Core.Access;

/// <summary>
/// An API key as our store keeps it: never the key itself, only its hash (<see cref="ApiKeySecrets.Hash"/>) and
/// the first characters, so people can tell keys apart in a list.
/// </summary>
public sealed record ApiKeyRecord
{
    public required string Name { get; init; }
    public required ApiKeyRole Role { get; init; }
    public required string Hash { get; init; }

    /// <summary>The key's first characters (<see cref="ApiKeySecrets.PrefixLength"/>), for lists and logs.</summary>
    public required string Prefix { get; init; }

    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokedBy { get; init; }

    public bool IsRevoked => RevokedAt is not null;
}
