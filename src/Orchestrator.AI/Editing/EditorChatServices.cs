using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI;
using Orchestrator.AI.Connections;

namespace Orchestrator.AI.Editing;

/// <summary>
/// A connection as Semantic Kernel chat completion for the LLM editor, through SK's OpenAI (or Azure OpenAI)
/// connector on a client configured here: one request per proposal slot and the connection's own timeout.
/// </summary>
public static class EditorChatServices
{
    /// <exception cref="ChatConnectionException">The connection's key variable is not set.</exception>
    public static IChatCompletionService Create(ChatConnection connection)
    {
        // The OpenAI library insists on a credential; an endpoint without keys (Ollama) ignores the header.
        var credential = new ApiKeyCredential(connection.ResolveKey() ?? "no-key");
        // The client library would retry a 500 or a 429 on its own: each retry is another answer spent on the same
        // slot, and the journal would show one. The editor asks once and journals what happened.
        var retry = new ClientRetryPolicy(maxRetries: 0);
        // The editor cancels at the connection's timeout; the transport's own limit sits above it so it never cuts first
        // (its default, 100 s, would cut a slow endpoint given longer).
        var network = connection.Timeout + TimeSpan.FromSeconds(30);
        return connection.Kind switch
        {
            ChatConnectionKind.AzureOpenAI => new AzureOpenAIChatCompletionService(connection.Model,
                new AzureOpenAIClient(connection.Endpoint, credential, new AzureOpenAIClientOptions { NetworkTimeout = network, RetryPolicy = retry })),
            _ => new OpenAIChatCompletionService(connection.Model,
                new OpenAIClient(credential, new OpenAIClientOptions { Endpoint = connection.Endpoint, NetworkTimeout = network, RetryPolicy = retry })),
        };
    }
}
