using System.Diagnostics;
using System.Text;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>Runs the real <c>orchestrator</c> command in a child process.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Repository.CommandDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment.Remove("ORCHESTRATOR_STORE");
        info.Environment.Remove("ORCHESTRATOR_PLUGINS");
        info.Environment.Remove("ORCHESTRATOR_WORKFLOWS");
        // A developer's own chat connections would answer where a test expects none, or its scripted endpoint.
        info.Environment.Remove("ORCHESTRATOR_CONNECTIONS");
        // A developer's own telemetry setting would print spans among the results the tests read.
        info.Environment.Remove("ORCHESTRATOR_TELEMETRY");
        return info;
    }

    public static Task<Result> RunAsync(string workingDirectory, params string[] args) => RunAsync(StartInfo(workingDirectory, args));

    /// <summary>Runs the command with <paramref name="environment"/> set on top of the clean-up.</summary>
    public static Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = StartInfo(workingDirectory, args);
        foreach (var (name, value) in environment) info.Environment[name] = value;
        return RunAsync(info);
    }

    private static async Task<Result> RunAsync(ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(guard.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Common arguments: a private store and the repository's plugins and workflows.</summary>
    public static string[] With(string store, params string[] args) =>
        [.. args, "--store", store, "--plugins", Repository.Plugins, "--workflows", Repository.Workflows];
}
