namespace Orchestrator.Cli.Tests.Readme;

/// <summary>
/// The main command runs the command in Release and trains for minutes. It runs alone within its test run: ./test.sh
/// builds the Release command first and runs these tests in a lane of their own beside the other command tests, so
/// that 'dotnet run' finds its build current and never restores the same projects as another test's build.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MainCommandCollection
{
    public const string Name = "README main command";
}
