using System.Diagnostics;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>Runs the .NET SDK (<c>dotnet new</c>, <c>pack</c>, <c>test</c>) in a child process, as a developer would from a shell.</summary>
public static class DotnetCommand
{
    public static async Task<CliProcess.Result> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
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
        // No MSBuild worker outlives the command, so a test leaves no processes behind.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment.Remove("ORCHESTRATOR_PLUGINS");

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
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish in {timeout}:\n{await stdout}\n{await stderr}");
        }
        return new CliProcess.Result(process.ExitCode, await stdout, await stderr);
    }
}
