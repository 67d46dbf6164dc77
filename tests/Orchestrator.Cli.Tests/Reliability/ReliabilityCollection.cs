namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>Campaigns start and kill many processes one after another: they run alone, or they would slow everything beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityCollection
{
    public const string Name = "reliability campaigns";
}
