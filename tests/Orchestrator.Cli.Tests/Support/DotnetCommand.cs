namespace Orchestrator.Cli.Tests.Support;

/// <summary>Runs the .NET SDK (<c>dotnet new</c>, <c>pack</c>, <c>test</c>) in a child process, as a developer would from a shell.</summary>
public static class DotnetCommand
{
    public static Task<CliProcess.Result> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args) =>
        ChildProcess.RunAsync("dotnet", workingDirectory, timeout, args);
}
