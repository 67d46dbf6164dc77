using System.ClientModel;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Orchestrator.AI.Connections;

/// <summary>A connection as a Microsoft.Extensions.AI chat client, through the OpenAI (or Azure OpenAI) client library.</summary>
public static class ChatClients
{
    /// <exception cref="ChatConnectionException">The connection's key variable is not set.</exception>
    public static IChatClient Create(ChatConnection connection)
    {
        var key = connection.ResolveKey();
        // The OpenAI library insists on a credential; an endpoint without keys (Ollama) ignores the header.
        var credential = new ApiKeyCredential(key ?? "no-key");
        return connection.Kind switch
        {
            ChatConnectionKind.AzureOpenAI => new AzureOpenAIClient(connection.Endpoint, credential, new AzureOpenAIClientOptions { NetworkTimeout = connection.Timeout })
                .GetChatClient(connection.Model).AsIChatClient(),
            _ => new OpenAIClient(credential, new OpenAIClientOptions { Endpoint = connection.Endpoint, NetworkTimeout = connection.Timeout })
                .GetChatClient(connection.Model).AsIChatClient(),
        };
    }
}
