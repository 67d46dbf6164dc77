using Orchestrator.Core.Access;
using Orchestrator.Storage;

namespace Orchestrator.Cli.Bench;

/// <summary>The viewer key a benchmark calls its own server with, made in the store it measures and named <c>bench-...</c>.</summary>
internal static class BenchKeys
{
    public static async Task<string> CreateAsync(OrchestratorStores stores, CancellationToken cancellationToken)
    {
        var secret = ApiKeySecrets.Generate();
        await stores.Keys.CreateKeyAsync(new ApiKeyRecord
        {
            Name = "bench-" + Guid.NewGuid().ToString("N")[..8], Role = ApiKeyRole.Viewer, Hash = ApiKeySecrets.Hash(secret), Prefix = ApiKeySecrets.Prefix(secret),
            CreatedBy = "bench", CreatedAt = DateTimeOffset.UtcNow,
        }, cancellationToken);
        return secret;
    }
}
