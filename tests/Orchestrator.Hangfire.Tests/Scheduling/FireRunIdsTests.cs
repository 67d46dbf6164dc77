using Orchestrator.Hangfire.Scheduling;

namespace Orchestrator.Hangfire.Tests.Scheduling;

/// <summary>A fire's run id derives from the schedule and the fire time to the second, so one fire names one run.</summary>
public sealed class FireRunIdsTests
{
    [Fact]
    public void The_same_fire_names_the_same_run_and_the_next_fire_another()
    {
        var fire = DateTimeOffset.Parse("2026-12-02T02:00:00.4+01:00");

        Assert.Equal("nightly-20261202T010000Z", FireRunIds.For("nightly", fire));
        Assert.Equal(FireRunIds.For("nightly", fire), FireRunIds.For("nightly", fire.AddMilliseconds(300)));
        Assert.NotEqual(FireRunIds.For("nightly", fire), FireRunIds.For("nightly", fire.AddSeconds(1)));
    }

    [Theory]
    [InlineData("nightly", true)]
    [InlineData("addition.v2_night-1", true)]
    [InlineData("-leading", false)]
    [InlineData("with space", false)]
    [InlineData("", false)]
    public void Schedule_names_are_safe_in_run_ids(string name, bool valid) => Assert.Equal(valid, ScheduleNames.IsValid(name));
}
