namespace Orchestrator.AI.Connections;

/// <summary>
/// A named chat model reached over HTTP: an OpenAI-compatible endpoint (our own <c>orchestrator serve</c>, OpenAI,
/// Ollama, vLLM), or an Azure OpenAI deployment. The key is never written in the configuration, only the name of the
/// environment variable that holds it, so a workflow or a connections file can be shared without leaking it.
/// </summary>
public sealed record ChatConnection
{
    /// <summary>The name workflows use (<c>chat: NAME</c>, <c>editor: llm</c> with <c>connection: NAME</c>).</summary>
    public required string Name { get; init; }

    public required ChatConnectionKind Kind { get; init; }

    /// <summary>The endpoint's base address: for OpenAI-compatible ones the address that ends in <c>/v1</c>.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The model to ask for (for Azure OpenAI, the deployment name).</summary>
    public required string Model { get; init; }

    /// <summary>The environment variable that holds the key; null for an endpoint without keys (a local Ollama).</summary>
    public string? KeyVariable { get; init; }

    /// <summary>How long one request may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether to ask for a JSON answer (<c>response_format</c>); off for endpoints that refuse it.</summary>
    public bool StructuredOutput { get; init; } = true;

    /// <summary>The key from its environment variable.</summary>
    /// <exception cref="ChatConnectionException">The variable is named but not set.</exception>
    public string? ResolveKey()
    {
        if (KeyVariable is null) return null;
        return Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } key
            ? key
            : throw new ChatConnectionException($"the chat connection '{Name}' takes its key from ${KeyVariable}, which is not set; export {KeyVariable}=KEY");
    }

    public override string ToString() => $"{Name} ({Kind.Name()} {Model} at {Endpoint})";
}

/// <summary>How a connection is spoken to.</summary>
public enum ChatConnectionKind
{
    /// <summary>OpenAI's chat completions API at <see cref="ChatConnection.Endpoint"/> (OpenAI, <c>orchestrator serve</c>, vLLM, ...).</summary>
    OpenAI,

    /// <summary>An Azure OpenAI resource; <see cref="ChatConnection.Model"/> is the deployment.</summary>
    AzureOpenAI,

    /// <summary>Ollama's OpenAI-compatible API (default endpoint <c>http://127.0.0.1:11434/v1</c>, no key).</summary>
    Ollama,
}

public static class ChatConnectionKinds
{
    public static string Name(this ChatConnectionKind kind) => kind switch
    {
        ChatConnectionKind.OpenAI => "openai",
        ChatConnectionKind.AzureOpenAI => "azure-openai",
        ChatConnectionKind.Ollama => "ollama",
        _ => kind.ToString(),
    };

    public static IReadOnlyList<string> All { get; } = ["openai", "azure-openai", "ollama"];

    public static ChatConnectionKind? Parse(string? text) => text switch
    {
        "openai" => ChatConnectionKind.OpenAI,
        "azure-openai" => ChatConnectionKind.AzureOpenAI,
        "ollama" => ChatConnectionKind.Ollama,
        _ => null,
    };
}
