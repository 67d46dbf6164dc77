using System.Net.Sockets;
using Npgsql;

namespace Orchestrator.Storage.Postgres;

/// <summary>
/// Turns the ways connecting to PostgreSQL fails into a <see cref="StoreOpenException"/> that names the server
/// and database (never the password) and says what to do.
/// </summary>
internal static class PostgresOpenErrors
{
    public static StoreOpenException Explain(string target, NpgsqlConnectionStringBuilder builder, Exception e)
    {
        var host = builder.Host is { Length: > 0 } h ? h : "localhost";
        var where = $"{host}:{builder.Port}";
        var user = builder.Username ?? Environment.UserName;
        var database = builder.Database ?? user;
        var reason = e switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } =>
                $"the server at {where} refused the password of user '{user}' ({Message(e)}). Check Username and Password (the password is not shown here).",
            PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } =>
                $"the server at {where} refused user '{user}' ({Message(e)}). Check that the role exists and that the server's pg_hba.conf lets it connect from here.",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"the server at {where} has no database '{database}'. Create it (createdb -h {host} -p {builder.Port} -U {user} {database}, or CREATE DATABASE \"{database}\"), or name an existing one in the connection string.",
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } =>
                $"user '{user}' may not create or read the store's tables in database '{database}' ({Message(e)}). Grant it CREATE and USAGE on the schema (or make it the database's owner), or use a database it owns.",
            PostgresException { SqlState: PostgresErrorCodes.InvalidSchemaName } =>
                $"database '{database}' has no schema to make the store's tables in ({Message(e)}): the connection's search path names none that exists. Create the schema (CREATE SCHEMA …), or correct Search Path in the connection string.",
            PostgresException { SqlState: PostgresErrorCodes.TooManyConnections } =>
                $"the server at {where} has no connection left ({Message(e)}). Close other clients, or raise max_connections.",
            PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow } =>
                $"the server at {where} is starting up or shutting down ({Message(e)}). Wait a moment and try again.",
            _ when Find<SocketException>(e) is { } socket => socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused =>
                    $"nothing is listening at {where} (connection refused). Start the PostgreSQL server, or check Host and Port.",
                SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData =>
                    $"the host '{host}' cannot be found ({socket.Message}). Check Host.",
                SocketError.TimedOut =>
                    $"no answer from {where} (timed out). Check Host and Port, and that no firewall is in the way.",
                _ => $"cannot reach {where} ({socket.Message}). Check Host and Port, and that the server is running.",
            },
            _ when Find<TimeoutException>(e) is not null =>
                $"no answer from {where} within {builder.Timeout} s. Check Host and Port, and that no firewall is in the way; or raise Timeout in the connection string.",
            _ => $"cannot open it: {Message(e)}",
        };
        return new StoreOpenException(target, $"cannot open the PostgreSQL store {target}: {reason}", e);
    }

    public static StoreOpenException InvalidConnectionString(ArgumentException e) =>
        new("(invalid connection string)",
            $"the PostgreSQL connection string is not valid: {e.Message}. Give key=value pairs such as " +
            "Host=db.example;Port=5432;Database=orchestrator;Username=orchestrator;Password=…, or a URL such as postgres://orchestrator:PASSWORD@db.example:5432/orchestrator.",
            e);

    private static string Message(Exception e) => e is PostgresException p ? p.MessageText : e.Message;

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }
}
