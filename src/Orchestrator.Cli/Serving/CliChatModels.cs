using Microsoft.Extensions.AI;
using Orchestrator.AI.Chat;
using Orchestrator.Server.OpenAi;

namespace Orchestrator.Cli.Serving;

/// <summary>The registry's models for <c>/v1</c>, loaded in this process on the command's device.</summary>
public sealed class CliChatModels(ChatModelCatalog catalog) : IChatModels
{
    public async Task<IReadOnlyList<ChatModelListing>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await catalog.ListAsync(cancellationToken)).Select(e => new ChatModelListing(e.Name, e.Created, ModelChatClient.ProviderName))];

    public Task<IChatClient?> FindAsync(string model, CancellationToken cancellationToken) => Task.FromResult<IChatClient?>(catalog.Find(model));
}
