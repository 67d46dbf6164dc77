using System.Diagnostics;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>
/// Runs any program (the SDK, an installed tool, a command copied from the README) as a child process, as from a
/// developer's plain shell: none of the command's settings, and none of the test host's MSBuild settings, inherited.
/// </summary>
public static class ChildProcess
{
    public static Task<CliProcess.Result> RunAsync(string program, string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunAsync(program, args, workingDirectory, timeout, environment: null);

    /// <summary>Runs <paramref name="program"/>; <paramref name="environment"/> sets variables after the clean-up.</summary>
    public static async Task<CliProcess.Result> RunAsync(string program, IEnumerable<string> args, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // Under `dotnet test` this process inherits the MSBuild settings of the build that started it; a child build
        // must see a developer's plain environment instead.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // A build server or reused MSBuild node outlives the SDK command and keeps its output pipes open, so
        // reading the output to the end would wait for it; none is left behind either.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var name in new[] { "ORCHESTRATOR_STORE", "ORCHESTRATOR_PLUGINS", "ORCHESTRATOR_WORKFLOWS", "ORCHESTRATOR_ARTIFACTS", "ORCHESTRATOR_TELEMETRY" })
            info.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}:\n{await stdout}\n{await stderr}");
        }
        return new CliProcess.Result(process.ExitCode, await stdout, await stderr);
    }
}
