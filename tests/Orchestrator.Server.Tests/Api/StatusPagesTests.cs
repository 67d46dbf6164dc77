using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Access;

namespace Orchestrator.Server.Tests.Api;

/// <summary>Errors routing answers by itself (a method a route does not take) carry a body: OpenAI's error on /v1, a problem elsewhere.</summary>
public sealed class StatusPagesTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_wrong_method_on_v1_is_an_openai_error()
    {
        var response = await _server.SendAsync(HttpMethod.Put, "/v1/chat/completions", await _server.KeyAsync(ApiKeyRole.Viewer, "v"), "{}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        Assert.Equal("method_not_allowed", (string)error["code"]!);
        Assert.Contains("/v1/chat/completions", (string)error["message"]!);
    }

    [Fact]
    public async Task A_wrong_method_elsewhere_is_a_problem()
    {
        var response = await _server.SendAsync(HttpMethod.Put, "/api/runs", await _server.KeyAsync(ApiKeyRole.Viewer, "v"), "{}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(405, (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!);
    }
}
