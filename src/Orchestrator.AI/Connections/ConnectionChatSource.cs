using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Orchestrator.Learning.Loop;

namespace Orchestrator.AI.Connections;

/// <summary>
/// The chat connections of a connections file as <c>learning/propose</c> sees them. The file is read when a workflow
/// first names a connection, so a broken file troubles only the runs that need it, and says so in their errors.
/// </summary>
public sealed class ConnectionChatSource(Func<ChatConnections> load) : IChatSource
{
    private readonly Lazy<(ChatConnections? Connections, string? Problem)> _connections = new(() =>
    {
        try
        {
            return (load(), null);
        }
        catch (ChatConnectionException e)
        {
            return (null, e.Message);
        }
    });
    private readonly ConcurrentDictionary<string, IChatClient> _clients = new(StringComparer.Ordinal);

    /// <summary>The connections <c>$ORCHESTRATOR_CONNECTIONS</c> or <c>./connections.json</c> configure.</summary>
    public static ConnectionChatSource FromEnvironment() => new(() => ChatConnections.FromEnvironment());

    public bool Has(string name) => _connections.Value.Connections?.TryGet(name, out _) == true;

    public string Unknown(string name) => _connections.Value.Problem ?? _connections.Value.Connections!.Unknown(name);

    public (IChatClient Client, string Description) Connect(string name)
    {
        if (_connections.Value.Connections is not { } connections) throw new ChatConnectionException(_connections.Value.Problem!);
        var connection = connections.Get(name);
        return (_clients.GetOrAdd(name, _ => ChatClients.Create(connection)), connection.ToString());
    }
}
