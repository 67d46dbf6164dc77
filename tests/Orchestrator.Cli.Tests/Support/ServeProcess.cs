using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// A real <c>orchestrator serve</c> process on a free loopback port over a test store; disposing it sends SIGTERM
/// and waits for the process to exit, as an operator's Ctrl+C would.
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, Uri url, string firstLine) => (_process, Url, FirstLine) = (process, url, firstLine);

    public Uri Url { get; }

    /// <summary>What the server printed when it started listening.</summary>
    public string FirstLine { get; }

    public int ExitCode => _process.ExitCode;

    /// <summary>The server's process id, to read what it holds open (<c>/proc/PID/fd</c>).</summary>
    public int ProcessId => _process.Id;

    public static async Task<ServeProcess> StartAsync(TestStore store)
    {
        var process = Process.Start(CliProcess.StartInfo(store.Folder.Path, store.Args("serve", "--urls", "http://127.0.0.1:0")))!;
        _ = process.StandardOutput.ReadToEndAsync();
        string? line;
        do line = await process.StandardError.ReadLineAsync();
        while (line is not null && !line.StartsWith("serving ", StringComparison.Ordinal));
        if (line is null) throw new InvalidOperationException($"serve exited ({(process.HasExited ? process.ExitCode : -1)}) before it listened");
        // Keep reading stderr so the server never blocks on a full pipe.
        _ = process.StandardError.ReadToEndAsync();
        return new ServeProcess(process, new Uri(Address().Match(line).Value), line);
    }

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = Url };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>SIGTERM, then waits for the exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()])!) await term.WaitForExitAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(guard.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex Address();
}
