using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orchestrator.AI.Tests.Support;

/// <summary>
/// A stand-in for an external OpenAI-compatible service: Kestrel on a loopback port answering
/// <c>POST /v1/chat/completions</c> with the scripted replies in turn, in the real protocol's shape (<c>model</c>,
/// <c>choices[0].message.content</c>, <c>usage</c>; errors as OpenAI's <c>{"error": {...}}</c>). It keeps every request
/// body, so a test can read the prompts it was sent. A request past the end of the script gets a 500 that says so.
/// </summary>
public sealed class ScriptedChatServer : IAsyncDisposable
{
    /// <summary>One scripted reply.</summary>
    public abstract record Reply;

    /// <summary>A completion whose message content is <paramref name="Content"/>, reported as answered by <paramref name="Model"/>.</summary>
    public sealed record Answer(string Content, string Model = DefaultModel, int PromptTokens = 812, int CompletionTokens = 41) : Reply;

    /// <summary>An HTTP error with OpenAI's error body.</summary>
    public sealed record Error(int Status, string Message, string Type = "server_error") : Reply;

    /// <summary>No answer: the request is held until the client gives up (or a minute passes).</summary>
    public sealed record Silence : Reply;

    public const string DefaultModel = "scripted-gpt-1";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _script;
    private readonly ConcurrentQueue<JsonObject> _requests = new();
    private readonly ConcurrentQueue<string> _authorizations = new();

    private ScriptedChatServer(WebApplication app, IEnumerable<Reply> script) => (_app, _script) = (app, new ConcurrentQueue<Reply>(script));

    /// <summary>The base address a connection names: <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The request bodies received, in order.</summary>
    public IReadOnlyList<JsonObject> Requests => [.. _requests];

    /// <summary>The Authorization header of each request, in order ("" when there was none).</summary>
    public IReadOnlyList<string> Authorizations => [.. _authorizations];

    public static async Task<ScriptedChatServer> StartAsync(params Reply[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedChatServer(app, script);
        app.MapPost("/v1/chat/completions", server.CompleteAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    private async Task CompleteAsync(HttpContext http)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject ?? [];
        _authorizations.Enqueue(http.Request.Headers.Authorization.ToString());
        _requests.Enqueue(body);
        var reply = _script.TryDequeue(out var next) ? next : new Error(500, "the script has no more replies");
        switch (reply)
        {
            case Answer answer:
                await WriteAsync(http, 200, Completion(answer, _requests.Count));
                break;
            case Error error:
                await WriteAsync(http, error.Status, new JsonObject
                {
                    ["error"] = new JsonObject { ["message"] = error.Message, ["type"] = error.Type, ["param"] = null, ["code"] = null },
                });
                break;
            case Silence:
                try
                {
                    await Task.Delay(TimeSpan.FromMinutes(1), http.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up, which is what a silent endpoint is for.
                }
                break;
        }
    }

    private static JsonObject Completion(Answer answer, int number) => new()
    {
        ["id"] = $"chatcmpl-scripted-{number}",
        ["object"] = "chat.completion",
        ["created"] = 1_733_222_400 + number,
        ["model"] = answer.Model,
        ["system_fingerprint"] = "fp_scripted",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer.Content, ["refusal"] = null },
            ["logprobs"] = null,
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject
        {
            ["prompt_tokens"] = answer.PromptTokens, ["completion_tokens"] = answer.CompletionTokens, ["total_tokens"] = answer.PromptTokens + answer.CompletionTokens,
        },
    };

    private static async Task WriteAsync(HttpContext http, int status, JsonObject body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
