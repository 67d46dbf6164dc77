using Microsoft.Extensions.AI;

namespace Orchestrator.Learning.Loop;

/// <summary>
/// Named chat models reachable from this process (an OpenAI-compatible endpoint, Azure OpenAI, Ollama, or our own
/// <c>orchestrator serve</c>), configured outside workflows so a workflow names a connection, never a key.
/// </summary>
public interface IChatSource
{
    /// <summary>No connections at all.</summary>
    static IChatSource None { get; } = new NoChatSource();

    /// <summary>Whether a connection of this name is configured.</summary>
    bool Has(string name);

    /// <summary>Why <paramref name="name"/> cannot be used, and how to configure it.</summary>
    string Unknown(string name);

    /// <summary>A client for the connection, and how to describe it in messages (its kind, model and address).</summary>
    /// <exception cref="InvalidOperationException">The connection is not configured or cannot be used (e.g. its key variable is not set); the message says how to fix it.</exception>
    (IChatClient Client, string Description) Connect(string name);

    private sealed class NoChatSource : IChatSource
    {
        public bool Has(string name) => false;
        public string Unknown(string name) => $"no chat connection '{name}': this process has none configured";
        public (IChatClient, string) Connect(string name) => throw new InvalidOperationException(Unknown(name));
    }
}
