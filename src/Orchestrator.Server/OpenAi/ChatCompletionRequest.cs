using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Orchestrator.Server.OpenAi;

/// <summary>
/// The body of <c>POST /v1/chat/completions</c> as read: the fields this server honours, checked for type and range.
/// Fields it does not use (<c>user</c>, <c>tools</c>, <c>logit_bias</c>, ...) are accepted and ignored, as OpenAI
/// clients send them freely.
/// </summary>
public sealed record ChatCompletionRequest(
    string Model, IReadOnlyList<ChatMessage> Messages, float? Temperature, float? TopP, int? MaxTokens, int N, long? Seed,
    IReadOnlyList<string> Stop, bool Stream, bool IncludeUsage)
{
    /// <summary>The most choices one request may ask for.</summary>
    public const int MostChoices = 16;

    /// <summary>The options of choice <paramref name="index"/>: a given seed moves by one per choice, so n choices differ and repeat.</summary>
    public ChatOptions Options(int index) => new()
    {
        Temperature = Temperature,
        TopP = TopP,
        MaxOutputTokens = MaxTokens,
        Seed = Seed is { } seed ? seed + index : null,
        StopSequences = Stop.Count == 0 ? null : [.. Stop],
    };

    /// <summary>The request, or what is wrong with it and in which field.</summary>
    public static (ChatCompletionRequest? Request, string? Problem, string? Param) Read(JsonNode? body)
    {
        if (body is not JsonObject fields) return Fail("the body must be a JSON object with 'model' and 'messages'");
        if (Text(fields, "model") is not { Length: > 0 } model) return Fail("'model' is required: a registry version or alias, e.g. addition@champion", "model");
        if (fields["messages"] is not JsonArray { Count: > 0 } list) return Fail("'messages' is required: a non-empty array of {role, content}", "messages");
        var messages = new List<ChatMessage>();
        for (var i = 0; i < list.Count; i++)
        {
            var (message, problem) = Message(list[i]);
            if (message is null) return Fail($"messages[{i}]: {problem}", $"messages[{i}]");
            messages.Add(message);
        }
        if (!Number(fields, "temperature", 0, 2, out var temperature)) return Fail("'temperature' must be a number from 0 to 2", "temperature");
        if (!Number(fields, "top_p", double.Epsilon, 1, out var topP)) return Fail("'top_p' must be a number above 0 and at most 1", "top_p");
        if (!Whole(fields, "max_completion_tokens", 1, 4096, out var maxCompletion)) return Fail("'max_completion_tokens' must be a whole number from 1 to 4096", "max_completion_tokens");
        if (!Whole(fields, "max_tokens", 1, 4096, out var maxTokens)) return Fail("'max_tokens' must be a whole number from 1 to 4096", "max_tokens");
        if (!Whole(fields, "n", 1, MostChoices, out var n)) return Fail($"'n' must be a whole number from 1 to {MostChoices}", "n");
        if (!Whole(fields, "seed", long.MinValue, long.MaxValue, out var seed)) return Fail("'seed' must be a whole number", "seed");
        var (stop, stopProblem) = Stops(fields["stop"]);
        if (stopProblem is not null) return Fail(stopProblem, "stop");
        if (!Flag(fields, "stream", out var stream)) return Fail("'stream' must be true or false", "stream");
        bool? includeUsage = null;
        if (fields["stream_options"] is JsonObject streamOptions && !Flag(streamOptions, "include_usage", out includeUsage))
            return Fail("'stream_options.include_usage' must be true or false", "stream_options");
        if (fields["stream_options"] is { } so && so is not JsonObject) return Fail("'stream_options' must be an object", "stream_options");
        return (new ChatCompletionRequest(model, messages, (float?)temperature, (float?)topP, (int?)(maxCompletion ?? maxTokens), (int)(n ?? 1), seed, stop, stream == true, includeUsage == true), null, null);
    }

    private static (ChatCompletionRequest?, string?, string?) Fail(string problem, string? param = null) => (null, problem, param);

    private static (ChatMessage?, string?) Message(JsonNode? node)
    {
        if (node is not JsonObject message) return (null, "must be an object {role, content}");
        var roleText = Text(message, "role");
        ChatRole? role = roleText switch
        {
            null => null,
            "system" or "developer" => ChatRole.System,
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            "tool" => ChatRole.Tool,
            _ => new ChatRole(roleText),
        };
        if (role is null) return (null, "'role' is required: system, user or assistant");
        switch (message["content"])
        {
            case null:
                return (new ChatMessage(role.Value, (string?)null), null);
            case JsonValue value when value.TryGetValue<string>(out var text):
                return (new ChatMessage(role.Value, text), null);
            case JsonArray parts:
                var texts = new List<string>();
                foreach (var part in parts)
                {
                    if (part is not JsonObject p || Text(p, "type") is not { } type) return (null, "each content part is an object with a 'type'");
                    if (type != "text") return (null, $"content parts of type '{type}' are not read by these models; send text");
                    if (Text(p, "text") is not { } partText) return (null, "a text part needs 'text'");
                    texts.Add(partText);
                }
                return (new ChatMessage(role.Value, string.Concat(texts)), null);
            default:
                return (null, "'content' must be a string or an array of text parts");
        }
    }

    private static (IReadOnlyList<string>, string?) Stops(JsonNode? node) => node switch
    {
        null => ([], null),
        JsonValue value when value.TryGetValue<string>(out var one) => ([one], null),
        JsonArray { Count: <= 4 } many when many.All(s => s is JsonValue v && v.TryGetValue<string>(out _)) => (many.Select(s => s!.GetValue<string>()).ToList(), null),
        _ => ([], "'stop' must be a string or an array of up to 4 strings"),
    };

    private static string? Text(JsonObject fields, string name) =>
        fields[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool Number(JsonObject fields, string name, double min, double max, out double? number)
    {
        number = null;
        if (fields[name] is not { } node) return true;
        if (node.GetValueKind() != JsonValueKind.Number) return false;
        var x = node.GetValue<double>();
        number = x;
        return x >= min && x <= max;
    }

    private static bool Whole(JsonObject fields, string name, long min, long max, out long? number)
    {
        number = null;
        if (fields[name] is not { } node) return true;
        if (node.GetValueKind() != JsonValueKind.Number || !((JsonValue)node).TryGetValue<long>(out var x)) return false;
        number = x;
        return x >= min && x <= max;
    }

    private static bool Flag(JsonObject fields, string name, out bool? flag)
    {
        flag = null;
        if (fields[name] is not { } node) return true;
        if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) return false;
        flag = node.GetValue<bool>();
        return true;
    }
}
