using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Access;
using Orchestrator.Server.Tests.Api;

namespace Orchestrator.Server.Tests.Access;

/// <summary>Changes made through the server are journalled with the key's name, the route, the target and the answer.</summary>
public sealed class AccessJournalTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_change_and_a_refused_change_are_journalled_by_key_and_reads_are_not()
    {
        var admin = await _server.KeyAsync(ApiKeyRole.Admin, "ada");
        await _server.SendAsync(HttpMethod.Get, "/api/models", admin);
        await _server.SendAsync(HttpMethod.Post, "/api/models/addition/promote", admin, "{\"version\": 3, \"alias\": \"champion\", \"reason\": \"x\"}");
        await _server.SendAsync(HttpMethod.Post, "/api/models/addition/rollback", admin, "{\"alias\": 5}");

        var response = await _server.SendAsync(HttpMethod.Get, "/api/journal", admin);
        var entries = (await response.Content.ReadFromJsonAsync<JsonArray>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("POST", "/api/models/addition/rollback", 400), ("POST", "/api/models/addition/promote", 404)],
            entries.Select(e => ((string)e!["method"]!, (string)e["path"]!, (int)e["status"]!)));
        Assert.All(entries, e => Assert.Equal("ada", (string)e!["key"]!));
        Assert.All(entries, e => Assert.Equal("addition", (string)e!["target"]!));
    }

    [Fact]
    public async Task Only_an_admin_reads_the_journal()
    {
        var operatorKey = await _server.KeyAsync(ApiKeyRole.Operator, "otto");

        Assert.Equal(HttpStatusCode.Forbidden, (await _server.SendAsync(HttpMethod.Get, "/api/journal", operatorKey)).StatusCode);
    }
}
