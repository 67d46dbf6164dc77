using Orchestrator.Core.Evaluation.Filters;

namespace Orchestrator.Core.Tests.Evaluation.Filters;

public sealed class AttemptFilterRegistryTests
{
    [Fact]
    public void The_built_in_filters_are_listed_by_name()
    {
        Assert.Equal(["checked-correct", "confidence", "drop-all", "ensemble", "format", "invariance", "majority", "one-per-prompt"], AttemptFilterRegistry.BuiltIn().All.Select(f => f.Name));
    }

    [Fact]
    public void A_filter_is_found_by_its_exact_name_only()
    {
        var registry = AttemptFilterRegistry.BuiltIn();

        Assert.True(registry.TryGet("majority", out var filter));
        Assert.IsType<MajorityFilter>(filter);
        Assert.False(registry.TryGet("Majority", out _));
    }

    [Fact]
    public void Registering_a_name_twice_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AttemptFilterRegistry.BuiltIn().Add(new MajorityFilter()));

        Assert.Contains("'majority' is already registered", error.Message, StringComparison.Ordinal);
    }
}
