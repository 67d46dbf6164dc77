namespace Orchestrator.Cli.Tests.Distribution;

/// <summary>
/// Tests that start several worker processes run one at a time: on a 2-core machine, workers of two tests at once
/// would slow each other past the timeouts that tell a stuck run from a slow one.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkerCollection
{
    public const string Name = "worker processes";
}
