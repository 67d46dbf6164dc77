using System.Diagnostics;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>Runs any program (the SDK, an installed tool) as a child process, with none of the command's settings inherited from the test's environment.</summary>
public static class ChildProcess
{
    public static async Task<CliProcess.Result> RunAsync(string program, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // A build server or reused MSBuild node outlives the SDK command and keeps its output pipes open, so
        // reading the output to the end would wait for it; none is left behind either.
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var name in new[] { "ORCHESTRATOR_STORE", "ORCHESTRATOR_PLUGINS", "ORCHESTRATOR_WORKFLOWS", "ORCHESTRATOR_ARTIFACTS" })
            info.Environment.Remove(name);

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
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {timeout}");
        }
        return new CliProcess.Result(process.ExitCode, await stdout, await stderr);
    }
}
