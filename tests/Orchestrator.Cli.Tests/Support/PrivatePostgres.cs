using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of one test's own (as tools/throwaway-postgres.sh makes them), on a port of its own, so the
/// test can stop and start the server without disturbing the shared one every other test uses. As root the cluster
/// belongs to the 'postgres' OS user, since initdb and postgres refuse root. Stopped and deleted when disposed.
/// </summary>
public sealed class PrivatePostgres : IDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly bool _asRoot = Environment.UserName == "root";

    public PrivatePostgres()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault() ?? ""
            : "";
        if (_bin.Length == 0)
            throw new InvalidOperationException("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin: install Debian's postgresql package (./test.sh does so as root)");
        // Under /tmp, which the postgres user can reach, whatever TMPDIR says.
        _folder = Path.Combine("/tmp", "orchestrator-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(_folder);
        if (_asRoot) Run("chown", "postgres:", _folder);
        AsOwner("initdb", "-D", Data, "--username=orchestrator", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync");
        Port = FreePort();
        Start();
        ConnectionString = $"Host=127.0.0.1;Port={Port};Username=orchestrator;Database=postgres";
    }

    public int Port { get; }

    public string ConnectionString { get; }

    private string Data => Path.Combine(_folder, "data");

    /// <summary>Creates an empty database on the server; returns its connection string.</summary>
    public string CreateDatabase(string name)
    {
        // Unpooled: a pooled connection from before a restart is dead, and would fail this at its first use.
        using (var connection = new Npgsql.NpgsqlConnection(ConnectionString + ";Pooling=false"))
        {
            connection.Open();
            using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public void Start() => AsOwner("pg_ctl", "-D", Data, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "start",
        "-o", $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories='{_folder}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off");

    /// <summary>Stops the server in "fast" mode: open sessions are disconnected at once, as when an operator restarts it.</summary>
    public void Stop() => AsOwner("pg_ctl", "-D", Data, "-m", "fast", "-w", "stop");

    public void Dispose()
    {
        try
        {
            if (File.Exists(Path.Combine(Data, "postmaster.pid"))) AsOwner("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void AsOwner(string program, params string[] args)
    {
        var path = Path.Combine(_bin, program);
        if (_asRoot) Run("runuser", ["-u", "postgres", "--", path, .. args]);
        else Run(path, args);
    }

    private void Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _folder };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {stderr}{stdout.Result}");
    }
}
