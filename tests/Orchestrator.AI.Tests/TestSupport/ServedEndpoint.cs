using System.Net.Http.Headers;
using Microsoft.Extensions.AI;
using Orchestrator.AI.Chat;
using Orchestrator.Core.Access;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.OpenAi;

namespace Orchestrator.AI.Tests.TestSupport;

/// <summary>
/// <c>orchestrator serve</c>'s server (real Kestrel on a free loopback port) over a <see cref="ChatStore"/> with tiny
/// trained models, its <c>/v1</c> answered by the registry's models as the serve command wires them, and keys.
/// </summary>
public sealed class ServedEndpoint : IAsyncDisposable
{
    private OrchestratorServer _server = null!;

    public ChatStore Store { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;
    public Uri V1 => new(BaseAddress, "/v1");

    public static async Task<ServedEndpoint> StartAsync()
    {
        var endpoint = new ServedEndpoint();
        var host = new ServerHost(Chat: new CatalogChatModels(new ChatModelCatalog(endpoint.Store.Served)));
        endpoint._server = await OrchestratorServer.StartAsync(endpoint.Store.Stores, new ServerOptions { Urls = "http://127.0.0.1:0" }, host, CancellationToken.None);
        endpoint.BaseAddress = new Uri(endpoint._server.Urls.Single());
        return endpoint;
    }

    public async Task<string> KeyAsync(ApiKeyRole role, string name)
    {
        var secret = ApiKeySecrets.Generate();
        await Store.Stores.Keys.CreateKeyAsync(new ApiKeyRecord
        {
            Name = name, Role = role, Hash = ApiKeySecrets.Hash(secret), Prefix = ApiKeySecrets.Prefix(secret), CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow,
        }, CancellationToken.None);
        return secret;
    }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await Store.DisposeAsync();
    }

    // As the serve command lends them (Cli/Serving/CliChatModels), which this project cannot reference.
    private sealed class CatalogChatModels(ChatModelCatalog catalog) : IChatModels
    {
        public async Task<IReadOnlyList<ChatModelListing>> ListAsync(CancellationToken cancellationToken) =>
            [.. (await catalog.ListAsync(cancellationToken)).Select(e => new ChatModelListing(e.Name, e.Created, ModelChatClient.ProviderName))];

        public Task<IChatClient?> FindAsync(string model, CancellationToken cancellationToken) => Task.FromResult<IChatClient?>(catalog.Find(model));
    }
}
