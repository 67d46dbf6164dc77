using System.ClientModel;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using OpenAI;
using Orchestrator.AI.Chat;
using Orchestrator.AI.Tests.TestSupport;
using Orchestrator.Core.Access;
using Orchestrator.Core.Aliases;

namespace Orchestrator.AI.Tests.OpenAi;

/// <summary>
/// <c>/v1</c> over real HTTP with unmodified OpenAI clients (Semantic Kernel's OpenAI connector, Microsoft.Extensions.AI's
/// OpenAI client, the OpenAI library's model client) and raw requests, against a real tiny model.
/// </summary>
public sealed class OpenAiEndpointTests(OpenAiEndpointTests.Served served) : IClassFixture<OpenAiEndpointTests.Served>
{
    /// <summary>One server and one trained model for every test here: training is most of a test's time.</summary>
    public sealed class Served : IAsyncLifetime
    {
        public ServedEndpoint Endpoint { get; private set; } = null!;
        public string Key { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Endpoint = await ServedEndpoint.StartAsync();
            await Endpoint.Store.TrainAsync("adder", steps: 100);
            await Endpoint.Store.Stores.Models.MoveAliasAsync(new AliasMoveRequest("adder", "champion", 1, "test", "first"), default);
            Key = await Endpoint.KeyAsync(ApiKeyRole.Viewer, "reader");
        }

        public async Task DisposeAsync() => await Endpoint.DisposeAsync();
    }

    private readonly ServedEndpoint _endpoint = served.Endpoint;
    private readonly string _key = served.Key;

    private OpenAIClient OpenAi(string key) => new(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = _endpoint.V1 });

    private async Task<string> DirectAsync(string prompt, ChatOptions? options = null) =>
        (await new ModelChatClient(_endpoint.Store.Served, "adder@1").GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options)).Text;

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string body, string? key)
    {
        using var client = _endpoint.Client(key);
        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task The_models_list_names_the_registry_s_versions_and_aliases()
    {
        var models = (await OpenAi(_key).GetOpenAIModelClient().GetModelsAsync()).Value;

        Assert.Equal(["adder@1", "adder@champion"], models.Select(m => m.Id).Order());
        Assert.All(models, m => Assert.Equal("orchestrator", m.OwnedBy));
    }

    [Fact]
    public async Task Semantic_Kernel_s_OpenAI_connector_gets_the_model_s_answer_with_only_endpoint_and_key_set()
    {
#pragma warning disable SKEXP0010 // the endpoint overload: how SK reaches any OpenAI-compatible server
        var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("adder@champion", _endpoint.V1, _key).Build();
#pragma warning restore SKEXP0010
        var chat = kernel.GetRequiredService<IChatCompletionService>();

        var answer = await chat.GetChatMessageContentAsync("12+34");
        var streamed = new List<string>();
        await foreach (var chunk in chat.GetStreamingChatMessageContentsAsync("12+34")) streamed.Add(chunk.Content ?? "");

        Assert.Equal(await DirectAsync("12+34"), answer.Content);
        // SK reports the model it asked for; the completion it read names the version that answered.
        Assert.Equal("adder@1", ((OpenAI.Chat.ChatCompletion)answer.InnerContent!).Model);
        Assert.Equal(answer.Content, string.Concat(streamed));
    }

    [Fact]
    public async Task Microsoft_Extensions_AI_s_OpenAI_client_gets_answers_streams_and_usage()
    {
        var client = OpenAi(_key).GetChatClient("adder@champion").AsIChatClient();
        var options = new ChatOptions { Temperature = 0.8f, Seed = 5 };

        var response = await client.GetResponseAsync("61+25", options);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("61+25", options)) updates.Add(update);

        Assert.Equal(await DirectAsync("61+25", options), response.Text);
        Assert.Equal("adder@1", response.ModelId);
        Assert.Equal(7, response.Usage!.InputTokenCount);
        Assert.True(response.Usage.OutputTokenCount >= 1);
        Assert.Equal(response.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(ChatFinishReason.Stop, updates.Last(u => u.FinishReason is not null).FinishReason);
    }

    [Fact]
    public async Task Three_choices_at_temperature_0_8_come_back_indexed_with_usage_counting_the_prompt_once()
    {
        var (status, body) = await PostAsync("""{"model": "adder@champion", "messages": [{"role": "user", "content": "12+34"}], "n": 3, "temperature": 0.8, "seed": 11}""", _key);

        Assert.Equal(HttpStatusCode.OK, status);
        var choices = body!["choices"]!.AsArray();
        Assert.Equal([0, 1, 2], choices.Select(c => c!["index"]!.GetValue<int>()));
        Assert.All(choices, c => Assert.Equal("assistant", c!["message"]!["role"]!.GetValue<string>()));
        for (var i = 0; i < 3; i++)
            Assert.Equal(await DirectAsync("12+34", new ChatOptions { Temperature = 0.8f, Seed = 11 + i }), choices[i]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal(7, body["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(body["usage"]!["prompt_tokens"]!.GetValue<int>() + body["usage"]!["completion_tokens"]!.GetValue<int>(), body["usage"]!["total_tokens"]!.GetValue<int>());
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.Equal("adder@1", body["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stream_is_server_sent_chunks_then_a_usage_chunk_then_done()
    {
        using var client = _endpoint.Client(_key);
        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(
            """{"model": "adder@1", "messages": [{"role": "user", "content": "40+2"}], "stream": true, "stream_options": {"include_usage": true}}""", System.Text.Encoding.UTF8, "application/json"));
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e.Trim()).ToList();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.All(events, e => Assert.StartsWith("data: ", e));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        var text = string.Concat(chunks.SelectMany(c => c["choices"]!.AsArray()).Select(c => c!["delta"]!["content"]?.GetValue<string>() ?? ""));
        Assert.Equal(await DirectAsync("40+2"), text);
        Assert.Equal("stop", chunks[^2]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        Assert.Equal(6, chunks[^1]["usage"]!["prompt_tokens"]!.GetValue<int>()); // the start token and "04+2="
    }

    [Fact]
    public async Task Max_tokens_and_stop_are_honoured()
    {
        var (_, cut) = await PostAsync("""{"model": "adder@1", "messages": [{"role": "user", "content": "12+34"}], "max_completion_tokens": 1}""", _key);
        var whole = await DirectAsync("12+34");
        var (_, stopped) = await PostAsync($$"""{"model": "adder@1", "messages": [{"role": "user", "content": "12+34"}], "stop": ["{{whole[^1]}}"]}""", _key);

        Assert.Equal("length", cut!["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(1, cut["usage"]!["completion_tokens"]!.GetValue<int>());
        Assert.Equal(whole[..whole.IndexOf(whole[^1])], stopped!["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_model_is_404_model_not_found_in_OpenAI_s_error_shape_and_clients_raise_it()
    {
        var (status, body) = await PostAsync("""{"model": "nobody@1", "messages": [{"role": "user", "content": "1+1"}]}""", _key);
        var raised = await Assert.ThrowsAsync<ClientResultException>(() => OpenAi(_key).GetChatClient("nobody@1").CompleteChatAsync("1+1"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("model_not_found", body!["error"]!["code"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", body["error"]!["type"]!.GetValue<string>());
        Assert.Contains("nobody@1", body["error"]!["message"]!.GetValue<string>());
        Assert.Equal(404, raised.Status);
    }

    [Fact]
    public async Task A_stream_for_an_unknown_model_is_404_before_any_chunk()
    {
        var (status, body) = await PostAsync("""{"model": "nobody@champion", "stream": true, "messages": [{"role": "user", "content": "1+1"}]}""", _key);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("model_not_found", body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_in_OpenAI_s_error_shape()
    {
        var huge = new string('1', 1_200_000);
        var (status, body) = await PostAsync($$"""{"model": "adder@1", "messages": [{"role": "user", "content": "{{huge}}+1"}]}""", _key);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("request_too_large", body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_400_in_OpenAI_s_error_shape()
    {
        using var client = _endpoint.Client(_key);
        // {"model": "\xff\xfe"}: JSON's structure is intact; the string's bytes are not UTF-8.
        var bytes = "{\"model\": \""u8.ToArray().Concat(new byte[] { 0xff, 0xfe }).Concat("\"}"u8.ToArray()).ToArray();
        using var response = await client.PostAsync("/v1/chat/completions", new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } });
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not UTF-8", error["message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{not json", null)]
    [InlineData("""{"messages": [{"role": "user", "content": "1+1"}]}""", "model")]
    [InlineData("""{"model": "adder@1", "messages": []}""", "messages")]
    [InlineData("""{"model": "adder@1", "messages": [{"role": "user", "content": "1+1"}], "temperature": "hot"}""", "temperature")]
    [InlineData("""{"model": "adder@1", "messages": [{"role": "user", "content": "1+1"}], "n": 99}""", "n")]
    [InlineData("""{"model": "adder@1", "messages": [{"role": "user", "content": "1+1"}], "stop": [1, 2]}""", "stop")]
    [InlineData("""{"model": "adder@1", "messages": [{"role": "user", "content": "what is one plus one"}]}""", "messages")]
    [InlineData("""{"model": "adder@1", "messages": [{"role": "user", "content": "what is one plus one"}], "stream": true}""", "messages")]
    public async Task A_malformed_request_is_400_naming_the_field(string body, string? param)
    {
        var (status, error) = await PostAsync(body, _key);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", error!["error"]!["type"]!.GetValue<string>());
        Assert.Equal(param, error["error"]!["param"]?.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["error"]!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_missing_unknown_or_revoked_key_is_401_and_clients_raise_it()
    {
        var revoked = await _endpoint.KeyAsync(ApiKeyRole.Admin, "gone");
        await _endpoint.Store.Stores.Keys.RevokeKeyAsync("gone", "test", DateTimeOffset.UtcNow, default);
        const string request = """{"model": "adder@1", "messages": [{"role": "user", "content": "1+1"}]}""";

        foreach (var key in new[] { null, "ork_not-a-key", revoked })
        {
            var (status, body) = await PostAsync(request, key);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("invalid_api_key", body!["error"]!["code"]!.GetValue<string>());
        }
        var raised = await Assert.ThrowsAsync<ClientResultException>(() => OpenAi("ork_wrong").GetOpenAIModelClient().GetModelsAsync());
        Assert.Equal(401, raised.Status);
    }

    [Fact]
    public async Task Any_role_may_use_the_models_and_using_them_is_not_journalled()
    {
        var admin = await _endpoint.KeyAsync(ApiKeyRole.Admin, "boss");
        var operatorKey = await _endpoint.KeyAsync(ApiKeyRole.Operator, "ops");

        foreach (var key in new[] { _key, operatorKey, admin })
            Assert.Equal(HttpStatusCode.OK, (await PostAsync("""{"model": "adder@1", "messages": [{"role": "user", "content": "2+2"}]}""", key)).Status);

        Assert.Empty(await _endpoint.Store.Stores.Keys.ListAccessAsync(10, default));
    }
}
