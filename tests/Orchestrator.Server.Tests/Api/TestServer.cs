using System.Net.Http.Headers;
using Orchestrator.Core.Access;
using Orchestrator.Server.Hosting;
using Orchestrator.Storage;

namespace Orchestrator.Server.Tests.Api;

/// <summary>
/// A real Kestrel server on a free loopback port over a real SQLite store in a temp folder, and HTTP clients that
/// call it over the network stack with the keys a test made.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "orchestrator-server-tests", Guid.NewGuid().ToString("N"));
    private OrchestratorServer? _server;

    public OrchestratorStores Stores { get; }
    public Uri BaseAddress { get; private set; } = null!;

    private TestServer() => Stores = StoreFactory.Open(Path.Combine(_folder, "store"));

    public static Task<TestServer> StartAsync() => StartAsync(new ServerOptions());

    /// <summary>With <paramref name="options"/>, listening on a free loopback port whatever they say.</summary>
    public static async Task<TestServer> StartAsync(ServerOptions options)
    {
        var test = new TestServer();
        test._server = await OrchestratorServer.StartAsync(test.Stores, options with { Urls = "http://127.0.0.1:0" }, CancellationToken.None);
        test.BaseAddress = new Uri(test._server.Urls.Single());
        return test;
    }

    /// <summary>Makes a key of that role and returns it, as <c>keys create</c> would print it.</summary>
    public async Task<string> KeyAsync(ApiKeyRole role, string name)
    {
        var secret = ApiKeySecrets.Generate();
        await Stores.Keys.CreateKeyAsync(new ApiKeyRecord
        {
            Name = name, Role = role, Hash = ApiKeySecrets.Hash(secret), Prefix = ApiKeySecrets.Prefix(secret), CreatedBy = "test", CreatedAt = DateTimeOffset.UtcNow,
        }, CancellationToken.None);
        return secret;
    }

    /// <summary>Sends <paramref name="body"/> (raw JSON text, or null for none) with the key, as a client of the API would.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? body = null)
    {
        using var client = Client(key);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        return await client.SendAsync(request);
    }

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        Stores.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
