using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Access;

namespace Orchestrator.Server.Tests.Api;

/// <summary>Bad bodies get a 4xx problem that says what is wrong, and nothing changes in the store.</summary>
public sealed class RequestBodyTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private string _admin = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _admin = await _server.KeyAsync(ApiKeyRole.Admin, "admin");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonObject Problem)> PostAsync(string body, string path = "/api/models/m/promote")
    {
        var response = await _server.SendAsync(HttpMethod.Post, path, _admin, body);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_that_quotes_the_parser()
    {
        var (status, problem) = await PostAsync("{\"version\": 1,");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("the body is not valid JSON", (string)problem["detail"]!);
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_a_400_not_a_500()
    {
        using var client = _server.Client(_admin);
        // {"\xff\xfe": 1}: well-formed JSON structure around a name that is not UTF-8.
        var content = new ByteArrayContent([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) { Headers = { ContentType = new("application/json") } };

        var response = await client.PostAsync("/api/models/m/promote", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("not UTF-8", (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!);
    }

    [Fact]
    public async Task Deep_nesting_is_refused()
    {
        var (status, problem) = await PostAsync("{\"evidence\":" + new string('[', 200) + new string(']', 200) + "}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("depth", (string)problem["detail"]!);
    }

    [Fact]
    public async Task Wrong_types_and_unknown_fields_are_each_named_by_their_path()
    {
        var (status, problem) = await PostAsync("{\"version\": \"three\", \"alias\": 5, \"reasn\": \"typo\"}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var paths = problem["errors"]!.AsArray().Select(e => (string)e!["path"]!).ToList();
        Assert.Equal(["/version", "/alias", "/reason", "/reasn"], paths);
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_or_not_json_typed_is_refused()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("[1, 2]")).Status);
        using var client = _server.Client(_admin);
        var text = await client.PostAsync("/api/models/m/promote", new StringContent("version=1"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_and_publishes_nothing()
    {
        var huge = "{\"text\": \"" + new string('x', 2 * 1024 * 1024) + "\"}";

        var response = await _server.SendAsync(HttpMethod.Post, "/api/models/m/promote", _admin, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await _server.Stores.Models.ListModelsAsync(CancellationToken.None));
    }
}
