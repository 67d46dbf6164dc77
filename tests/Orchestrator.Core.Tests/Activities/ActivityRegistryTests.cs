using Orchestrator.Core.Activities;
using Orchestrator.Core.Activities.BuiltIn;
using Orchestrator.Core.Tests.TestSupport.Activities;

namespace Orchestrator.Core.Tests.Activities;

public sealed class ActivityRegistryTests
{
    [Fact]
    public void Built_in_activities_are_registered_by_name()
    {
        var registry = new ActivityRegistry().AddBuiltInActivities();

        Assert.Equal(["assert", "fail", "log", "set", "wait"], registry.All.Select(a => a.Descriptor.Type));
        Assert.Equal("built-in", registry.SourceOf("log"));
        Assert.True(registry.TryGet("wait", out var wait));
        Assert.Equal("wait", wait.Descriptor.Type);
        Assert.False(registry.TryGet("nope", out _));
    }

    [Fact]
    public void A_second_activity_with_a_taken_name_is_refused_naming_both_sources()
    {
        var registry = new ActivityRegistry().AddBuiltInActivities();

        var error = Assert.Throws<InvalidOperationException>(() => registry.Add(new NamedActivity("log"), "plugin 'x'"));

        Assert.Contains("'log' is already registered by built-in; plugin 'x' cannot register it again", error.Message, StringComparison.Ordinal);
    }
}
