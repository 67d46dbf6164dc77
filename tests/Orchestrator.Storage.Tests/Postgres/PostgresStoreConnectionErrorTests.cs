using System.Net;
using System.Net.Sockets;
using Npgsql;
using Orchestrator.Storage.Postgres;

namespace Orchestrator.Storage.Tests.Postgres;

/// <summary>Every way of not reaching the database gives a <see cref="StoreOpenException"/> that says where and what to do, and never the password.</summary>
public sealed class PostgresStoreConnectionErrorTests
{
    private const string Password = "pa55-word-not-for-messages";

    [Fact]
    public async Task An_unreachable_port_names_host_and_port_and_hides_the_password()
    {
        var port = FreePort();
        var connectionString = $"Host=127.0.0.1;Port={port};Database=orchestrator;Username=someone;Password={Password};Timeout=5";

        var e = await Assert.ThrowsAsync<StoreOpenException>(() => PostgresStore.OpenAsync(connectionString));

        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.Contains("/orchestrator", e.Message);
        Assert.Contains("connection refused", e.Message);
        Assert.Contains("Start the PostgreSQL server", e.Message);
        Assert.DoesNotContain(Password, e.Message);
        Assert.DoesNotContain(Password, e.Path);
        Assert.Contains(":***@", e.Path);
    }

    [Fact]
    public async Task An_unreachable_url_names_host_and_port_and_hides_the_password()
    {
        var port = FreePort();

        var e = await Assert.ThrowsAsync<StoreOpenException>(() => PostgresStore.OpenAsync($"postgresql://someone:{Password}@127.0.0.1:{port}/orchestrator"));

        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.DoesNotContain(Password, e.Message);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Pasword=" + Password)]
    [InlineData("Host=127.0.0.1;Port=fifty;Password=" + Password)]
    [InlineData("just some words " + Password)]
    [InlineData("postgres://someone:" + Password + "@127.0.0.1:99999/db")]
    public async Task A_malformed_connection_string_says_what_a_valid_one_looks_like_and_hides_the_password(string connectionString)
    {
        var e = await Assert.ThrowsAsync<StoreOpenException>(() => PostgresStore.OpenAsync(connectionString));

        Assert.Contains("connection string is not valid", e.Message);
        Assert.Contains("Host=", e.Message);
        Assert.Contains("postgres://", e.Message);
        Assert.DoesNotContain(Password, e.Message);
    }

    [Fact]
    public async Task A_missing_database_says_how_to_create_it()
    {
        var missing = PostgresTestServer.UniqueName("no_such_db");
        var builder = new NpgsqlConnectionStringBuilder(PostgresTestServer.ForDatabase(missing)) { Password = Password };

        var e = await Assert.ThrowsAsync<StoreOpenException>(() => PostgresStore.OpenAsync(builder.ConnectionString));

        Assert.Contains($"{builder.Host}:{builder.Port}", e.Message);
        Assert.Contains($"no database '{missing}'", e.Message);
        Assert.Contains("CREATE DATABASE", e.Message);
        Assert.DoesNotContain(Password, e.Message);
    }

    [Fact]
    public async Task A_role_the_server_does_not_know_is_named_with_what_to_check()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresTestServer.ConnectionString) { Username = "nobody_" + Guid.NewGuid().ToString("N")[..8], Password = Password };

        var e = await Assert.ThrowsAsync<StoreOpenException>(() => PostgresStore.OpenAsync(builder.ConnectionString));

        Assert.Contains($"{builder.Host}:{builder.Port}", e.Message);
        Assert.Contains(builder.Username, e.Message);
        Assert.DoesNotContain(Password, e.Message);
    }

    // A port nothing listens on: the system hands out a free one, which is closed again at once.
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
