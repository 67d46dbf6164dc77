using System.Diagnostics;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// A real <c>orchestrator worker</c> child process, its stderr collected line by line, so a test can wait for what
/// it says, kill it with SIGKILL, or stop it gracefully with SIGTERM.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _lock = new();
    private readonly Task _stdout;

    private WorkerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_lock) _lines.Add(e.Data);
        };
        _process.BeginErrorReadLine();
        _stdout = _process.StandardOutput.ReadToEndAsync();
    }

    public string Name { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock) return [.. _lines];
        }
    }

    public string Output => string.Join('\n', Lines);

    /// <summary>Starts a worker on the test store, named <paramref name="name"/>, with more worker options.</summary>
    public static Task<WorkerProcess> StartAsync(TestStore store, string name, params string[] options) =>
        StartAsync(CliProcess.StartInfo(store.Folder.Path, store.Args(["worker", "--name", name, .. options])), name);

    /// <summary>
    /// Starts a worker as if on a machine of its own: its own working folder and temp folder (so its own scratch and
    /// artifact cache), and artifacts where <paramref name="artifacts"/> says (null: in the store itself).
    /// </summary>
    public static Task<WorkerProcess> StartOnMachineAsync(TestStore store, string name, string machine, string? artifacts, params string[] options)
    {
        var home = store.Folder.File(machine);
        Directory.CreateDirectory(Path.Combine(home, "tmp"));
        var info = CliProcess.StartInfo(home, store.ArgsWithArtifacts(artifacts, ["worker", "--name", name, .. options]));
        info.Environment["TMPDIR"] = Path.Combine(home, "tmp");
        return StartAsync(info, name);
    }

    private static async Task<WorkerProcess> StartAsync(ProcessStartInfo info, string name)
    {
        // One Torch thread per worker, as a worker per core would be deployed.
        info.Environment["OMP_NUM_THREADS"] = "1";
        var worker = new WorkerProcess(Process.Start(info)!, name);
        await worker.WaitForAsync(l => l.StartsWith($"worker {name}: store", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        return worker;
    }

    /// <summary>Waits until a line matches; fails with everything the worker said when it does not in time.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Lines.FirstOrDefault(match) is { } line) return line;
            if (_process.HasExited)
                throw new InvalidOperationException($"worker {Name} exited ({_process.ExitCode}) before saying what was awaited:\n{Output}");
            await Task.Delay(50);
        }
        throw new TimeoutException($"worker {Name} did not say what was awaited within {timeout}:\n{Output}");
    }

    /// <summary>SIGKILL: no chance to stop at a boundary, release a lease or tell Hangfire.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a service manager stops a worker, then waits for it to exit.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var term = Process.Start("kill", ["-TERM", Pid.ToString()])!) await term.WaitForExitAsync();
        using var guard = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(guard.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        await _stdout;
        _process.Dispose();
    }
}
