namespace Orchestrator.Cli.Tests.Readme;

/// <summary>
/// The main command builds the command in Release and trains for minutes: it runs alone, after the other tests, so
/// that its build never restores the same projects as another test's build at the same moment.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MainCommandCollection
{
    public const string Name = "README main command";
}
