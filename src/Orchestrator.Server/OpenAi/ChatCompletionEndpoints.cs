using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Orchestrator.Server.OpenAi;

/// <summary>
/// An OpenAI-compatible API over the registry: <c>GET /v1/models</c> and <c>POST /v1/chat/completions</c> (with
/// <c>n</c>, <c>seed</c>, <c>stop</c>, usage, and streaming as server-sent chunks ending in <c>data: [DONE]</c>), so an
/// unmodified OpenAI client reaches <c>addition@champion</c> with only the endpoint and a key of this server set. The
/// n choices of a request are asked for at once, so the model's batcher answers them in one pass.
/// </summary>
public static class ChatCompletionEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapOpenAi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequiresOpenAiKey();
        v1.MapGet("/models", (Delegate)ListAsync);
        v1.MapPost("/chat/completions", (Delegate)CompleteAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http)
    {
        if (http.RequestServices.GetService<IChatModels>() is not { } models) return OpenAiErrors.NotServed();
        var listed = await models.ListAsync(http.RequestAborted);
        return Results.Json(new { @object = "list", data = listed.Select(m => new { id = m.Id, @object = "model", created = m.Created.ToUnixTimeSeconds(), owned_by = m.OwnedBy }) }, Json);
    }

    private static async Task<IResult> CompleteAsync(HttpContext http)
    {
        if (http.RequestServices.GetService<IChatModels>() is not { } models) return OpenAiErrors.NotServed();
        JsonNode? body;
        try
        {
            body = await Api.JsonBody.ParseAsync(http.Request);
        }
        catch (JsonException e)
        {
            return OpenAiErrors.Invalid($"We could not parse the JSON body of your request: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return OpenAiErrors.TooLarge(http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0);
        }
        catch (BadHttpRequestException e)
        {
            return OpenAiErrors.Error(e.StatusCode, $"We could not read the body of your request: {e.Message}", "invalid_request_error", "unreadable_body");
        }
        var (request, problem, param) = ChatCompletionRequest.Read(body);
        if (request is null) return OpenAiErrors.Invalid(problem!, param);
        if (await models.FindAsync(request.Model, http.RequestAborted) is not { } client) return OpenAiErrors.ModelNotFound(request.Model);
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        try
        {
            return request.Stream ? await StreamAsync(http, client, request, id) : await AnswerAsync(http, client, request, id);
        }
        catch (Exception e) when (Refusal(e, request.Model) is { } refusal && !http.Response.HasStarted)
        {
            return refusal;
        }
    }

    private static async Task<IResult> AnswerAsync(HttpContext http, IChatClient client, ChatCompletionRequest request, string id)
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, request.N).Select(i => client.GetResponseAsync(request.Messages, request.Options(i), http.RequestAborted)));
        var first = responses[0];
        return Results.Json(new
        {
            id,
            @object = "chat.completion",
            created = (first.CreatedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(),
            model = first.ModelId ?? request.Model,
            system_fingerprint = Fingerprint(first.AdditionalProperties),
            choices = responses.Select((r, i) => new { index = i, message = new { role = "assistant", content = r.Text }, logprobs = (object?)null, finish_reason = Finish(r.FinishReason) }),
            usage = Usage(first.Usage?.InputTokenCount ?? 0, responses.Sum(r => r.Usage?.OutputTokenCount ?? 0)),
        }, Json);
    }

    private static async Task<IResult> StreamAsync(HttpContext http, IChatClient client, ChatCompletionRequest request, string id)
    {
        // Each choice's first update is awaited before anything is written, so a request the model refuses still gets its error status.
        var streams = Enumerable.Range(0, request.N).Select(i => client.GetStreamingResponseAsync(request.Messages, request.Options(i), http.RequestAborted).GetAsyncEnumerator(http.RequestAborted)).ToList();
        try
        {
            var started = await Task.WhenAll(streams.Select(s => s.MoveNextAsync().AsTask()));
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            var writer = new ChunkWriter(http.Response, id, request.Model);
            var usage = await Task.WhenAll(streams.Select((s, i) => ChoiceAsync(writer, s, i, started[i])));
            if (request.IncludeUsage)
                await writer.WriteAsync(new { id, @object = "chat.completion.chunk", created = writer.Created, model = writer.Model, choices = Array.Empty<object>(),
                    usage = Usage(usage[0].Prompt, usage.Sum(u => u.Completion)) });
            await writer.DoneAsync();
            return Results.Empty;
        }
        finally
        {
            foreach (var stream in streams) await stream.DisposeAsync();
        }
    }

    private static async Task<(long Prompt, long Completion)> ChoiceAsync(ChunkWriter writer, IAsyncEnumerator<ChatResponseUpdate> stream, int index, bool has)
    {
        await writer.WriteChoiceAsync(index, new { role = "assistant", content = "" }, null, stream.Current?.ModelId);
        (long, long) usage = (0, 0);
        for (; has; has = await stream.MoveNextAsync())
        {
            var update = stream.Current!;
            if (update.Contents.OfType<UsageContent>().FirstOrDefault() is { } used) usage = (used.Details.InputTokenCount ?? 0, used.Details.OutputTokenCount ?? 0);
            if (update.Text is { Length: > 0 } text) await writer.WriteChoiceAsync(index, new { content = text }, null, update.ModelId);
            if (update.FinishReason is { } finish) await writer.WriteChoiceAsync(index, new { }, Finish(finish), update.ModelId);
        }
        return usage;
    }

    /// <summary>The errors a model's client raises, as OpenAI's; anything else is the server's fault.</summary>
    private static IResult? Refusal(Exception e, string model) => e switch
    {
        KeyNotFoundException => OpenAiErrors.ModelNotFound(model),
        ArgumentException refused => OpenAiErrors.Invalid(refused.Message, "messages"),
        IOException unavailable => OpenAiErrors.Unavailable(unavailable.Message),
        _ => null,
    };

    private static string Finish(ChatFinishReason? reason) => reason == ChatFinishReason.Length ? "length" : "stop";

    private static object Usage(long prompt, long completion) => new { prompt_tokens = prompt, completion_tokens = completion, total_tokens = prompt + completion };

    // The checkpoint that answered: the same fingerprint means the same weights.
    private static string? Fingerprint(AdditionalPropertiesDictionary? properties) =>
        properties?.TryGetValue("orchestrator.checkpoint", out var hash) == true && hash is string text ? "fp_" + text.Replace("sha256:", "")[..12] : null;

    /// <summary>Server-sent chunks of one completion, written one at a time whichever choice they belong to.</summary>
    private sealed class ChunkWriter(HttpResponse response, string id, string requested)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        public long Created { get; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        public string Model { get; private set; } = requested;

        public Task WriteChoiceAsync(int index, object delta, string? finish, string? model)
        {
            if (model is not null) Model = model;
            return WriteAsync(new { id, @object = "chat.completion.chunk", created = Created, model = Model, choices = new[] { new { index, delta, logprobs = (object?)null, finish_reason = finish } } });
        }

        public async Task WriteAsync(object chunk)
        {
            await _gate.WaitAsync(response.HttpContext.RequestAborted);
            try
            {
                await response.WriteAsync("data: " + JsonSerializer.Serialize(chunk, Json) + "\n\n", response.HttpContext.RequestAborted);
                await response.Body.FlushAsync(response.HttpContext.RequestAborted);
            }
            finally
            {
                _gate.Release();
            }
        }

        public Task DoneAsync() => response.WriteAsync("data: [DONE]\n\n", response.HttpContext.RequestAborted);
    }
}
