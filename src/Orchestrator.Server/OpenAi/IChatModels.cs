using Microsoft.Extensions.AI;

namespace Orchestrator.Server.OpenAi;

/// <summary>
/// The models <c>/v1</c> serves, lent by the hosting process (which has the plugins, the tasks and the device):
/// the registry's versions and aliases, each as a chat client.
/// </summary>
public interface IChatModels
{
    /// <summary>Every version and alias that can be served, for <c>GET /v1/models</c>.</summary>
    Task<IReadOnlyList<ChatModelListing>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The chat client for a model name (<c>addition@champion</c>, <c>addition@3</c>); null when the name is no model.
    /// A name the registry does not know may also come back as a client whose requests fail with
    /// <see cref="KeyNotFoundException"/>: both are answered 404 <c>model_not_found</c>.
    /// </summary>
    Task<IChatClient?> FindAsync(string model, CancellationToken cancellationToken);
}

/// <summary>One entry of the models list: its name, when it was made, and who made it.</summary>
public sealed record ChatModelListing(string Id, DateTimeOffset Created, string OwnedBy);
