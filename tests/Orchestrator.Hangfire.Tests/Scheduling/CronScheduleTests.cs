using Orchestrator.Hangfire.Scheduling;

namespace Orchestrator.Hangfire.Tests.Scheduling;

/// <summary>Cron expressions and time zones are checked before anything is stored, with a reason and the form to write.</summary>
public sealed class CronScheduleTests
{
    [Fact]
    public void Five_fields_fire_on_the_minute_in_the_given_zone()
    {
        var schedule = CronSchedule.TryParse("0 2 * * *", "Europe/Berlin", out var error);

        Assert.Null(error);
        // 02:00 in Berlin in December (UTC+1) is 01:00 UTC.
        Assert.Equal(DateTimeOffset.Parse("2026-12-03T01:00:00Z"), schedule!.NextAfter(DateTimeOffset.Parse("2026-12-02T12:00:00Z")));
    }

    [Fact]
    public void Six_fields_put_seconds_first()
    {
        var schedule = CronSchedule.TryParse("*/20 * * * * *", "UTC", out _);

        Assert.Equal(DateTimeOffset.Parse("2026-12-02T12:00:20Z"), schedule!.NextAfter(DateTimeOffset.Parse("2026-12-02T12:00:05Z")));
    }

    [Theory]
    [InlineData("61 * * * *", "UTC", "is not a cron expression")]
    [InlineData("0 2 * *", "UTC", "has 4 fields")]
    [InlineData("", "UTC", "has 0 fields")]
    [InlineData("0 2 * * *", "Mars/Olympus", "unknown time zone 'Mars/Olympus'")]
    public void A_bad_expression_or_zone_says_why_and_how(string cron, string zone, string expected)
    {
        Assert.Null(CronSchedule.TryParse(cron, zone, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.True(error!.Contains(CronSchedule.CronHint, StringComparison.Ordinal) || error.Contains(CronSchedule.TimeZoneHint, StringComparison.Ordinal));
    }
}
