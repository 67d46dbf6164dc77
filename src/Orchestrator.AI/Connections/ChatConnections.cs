using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.AI.Connections;

/// <summary>
/// The named chat connections, read from a JSON file: <c>$ORCHESTRATOR_CONNECTIONS</c>, else <c>connections.json</c>
/// in the working directory. Every problem is reported with the file, the field and what to write instead.
/// </summary>
/// <example>
/// <code>
/// { "chat": {
///     "teacher": { "kind": "openai", "endpoint": "http://127.0.0.1:5080/v1", "model": "addition@champion", "keyVariable": "TEACHER_KEY" },
///     "editor":  { "kind": "openai", "endpoint": "https://api.openai.com/v1", "model": "gpt-4o-mini", "keyVariable": "OPENAI_API_KEY" } } }
/// </code>
/// </example>
public sealed class ChatConnections
{
    public const string Variable = "ORCHESTRATOR_CONNECTIONS";
    public const string DefaultFile = "connections.json";

    private readonly Dictionary<string, ChatConnection> _connections;

    public ChatConnections(IEnumerable<ChatConnection> connections, string? source = null)
    {
        _connections = connections.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Source = source;
    }

    /// <summary>None configured.</summary>
    public static ChatConnections None { get; } = new([]);

    /// <summary>The file they came from; null when none was read.</summary>
    public string? Source { get; }

    public IEnumerable<string> Names => _connections.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string name, out ChatConnection connection) => _connections.TryGetValue(name, out connection!);

    /// <exception cref="ChatConnectionException">No connection of that name.</exception>
    public ChatConnection Get(string name) => TryGet(name, out var connection) ? connection : throw new ChatConnectionException(Unknown(name));

    /// <summary>Why <paramref name="name"/> cannot be used, and how to configure it.</summary>
    public string Unknown(string name) => Source is null
        ? $"no chat connection '{name}': none are configured (set ${Variable} to a connections file, or write ./{DefaultFile}: "
          + $"{{\"chat\": {{\"{name}\": {{\"kind\": \"openai\", \"endpoint\": \"http://127.0.0.1:5080/v1\", \"model\": \"addition@champion\", \"keyVariable\": \"ORCHESTRATOR_CHAT_KEY\"}}}}}})"
        : $"no chat connection '{name}' in {Source}; it has {(_connections.Count == 0 ? "none" : string.Join(", ", Names))}";

    /// <summary>The connections of the file the environment names, or <see cref="None"/> when there is none.</summary>
    /// <exception cref="ChatConnectionException">The named file is missing or invalid.</exception>
    public static ChatConnections FromEnvironment(string? workingDirectory = null)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } named)
            return File.Exists(named) ? Read(named) : throw new ChatConnectionException($"${Variable} names {named}, which does not exist");
        var local = Path.Combine(workingDirectory ?? Directory.GetCurrentDirectory(), DefaultFile);
        return File.Exists(local) ? Read(local) : None;
    }

    /// <exception cref="ChatConnectionException">The file is not valid; the message names it, the field and the fix.</exception>
    public static ChatConnections Read(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ChatConnectionException($"{path}: not valid JSON ({e.Message})");
        }
        if (root is not JsonObject document || document["chat"] is not JsonObject chat)
            throw new ChatConnectionException($"{path}: expected an object with \"chat\": {{ NAME: {{ kind, endpoint, model, keyVariable }} }}");
        var problems = new List<string>();
        var connections = new List<ChatConnection>();
        foreach (var (name, value) in chat)
            if (Parse(name, value, $"/chat/{name}", problems) is { } connection) connections.Add(connection);
        if (problems.Count > 0) throw new ChatConnectionException($"{path}: " + string.Join("; ", problems));
        return new ChatConnections(connections, path);
    }

    private static ChatConnection? Parse(string name, JsonNode? node, string at, List<string> problems)
    {
        var before = problems.Count;
        if (node is not JsonObject fields)
        {
            problems.Add($"{at} must be an object {{ kind, endpoint, model, keyVariable }}");
            return null;
        }
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            problems.Add($"{at}: a connection name is letters, digits, '-', '_' and '.'");
        foreach (var (field, _) in fields)
            if (field is not ("kind" or "endpoint" or "model" or "keyVariable" or "timeoutSeconds" or "structuredOutput"))
                problems.Add($"{at}/{field} is not a connection field; the fields are kind, endpoint, model, keyVariable, timeoutSeconds and structuredOutput");

        var kindText = Text(fields, "kind", at, problems) ?? "openai";
        var kind = ChatConnectionKinds.Parse(kindText);
        if (kind is null) problems.Add($"{at}/kind '{kindText}' is not known; use one of {string.Join(", ", ChatConnectionKinds.All)}");
        var endpointText = Text(fields, "endpoint", at, problems) ?? (kind == ChatConnectionKind.Ollama ? "http://127.0.0.1:11434/v1" : null);
        Uri? endpoint = null;
        if (endpointText is null) problems.Add($"{at}/endpoint is missing; write the base address, e.g. http://127.0.0.1:5080/v1");
        else if (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https"))
            problems.Add($"{at}/endpoint '{endpointText}' is not an http(s) address");
        var model = Text(fields, "model", at, problems);
        if (string.IsNullOrWhiteSpace(model)) problems.Add($"{at}/model is missing; name the model (for Azure OpenAI, the deployment)");
        var keyVariable = Text(fields, "keyVariable", at, problems);
        if (keyVariable is not null && (keyVariable.Length == 0 || !keyVariable.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
            problems.Add($"{at}/keyVariable '{keyVariable}' is not an environment variable name; the key itself never goes in this file");
        if (keyVariable is null && kind is ChatConnectionKind.AzureOpenAI)
            problems.Add($"{at}/keyVariable is missing; Azure OpenAI needs a key (name the environment variable that holds it)");
        var timeout = TimeSpan.FromSeconds(60);
        if (fields["timeoutSeconds"] is { } seconds)
        {
            if (seconds is JsonValue v && v.TryGetValue<double>(out var s) && s > 0 && s <= 3600) timeout = TimeSpan.FromSeconds(s);
            else problems.Add($"{at}/timeoutSeconds must be a number of seconds above 0 and at most 3600, not {seconds.ToJsonString()}");
        }
        var structured = true;
        if (fields["structuredOutput"] is { } flag)
        {
            if (flag is JsonValue b && b.TryGetValue<bool>(out var on)) structured = on;
            else problems.Add($"{at}/structuredOutput must be true or false");
        }
        if (problems.Count > before) return null;
        return new ChatConnection
        {
            Name = name, Kind = kind!.Value, Endpoint = endpoint!, Model = model!, KeyVariable = keyVariable, Timeout = timeout, StructuredOutput = structured,
        };
    }

    private static string? Text(JsonObject fields, string field, string at, List<string> problems)
    {
        if (fields[field] is not { } node) return null;
        if (node is JsonValue value && value.TryGetValue<string>(out var text)) return text;
        problems.Add(string.Create(CultureInfo.InvariantCulture, $"{at}/{field} must be a string, not {node.ToJsonString()}"));
        return null;
    }
}
