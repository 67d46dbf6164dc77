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
    [InlineData("*/2 * * * * *", "2026-12-03T06:16:07Z", "2026-12-03T06:16:06Z")]
    [InlineData("*/2 * * * * *", "2026-12-03T06:16:06Z", "2026-12-03T06:16:06Z")]
    [InlineData("0 2 * * *", "2026-12-09T13:00:00Z", "2026-12-09T01:00:00Z")]
    [InlineData("0 0 1 1 *", "2026-12-03T00:00:00Z", "2025-12-31T23:00:00Z")]
    public void The_latest_occurrence_at_or_before_an_instant_is_the_fire_a_late_fire_stands_for(string cron, string instant, string expected)
    {
        var schedule = CronSchedule.TryParse(cron, "Europe/Berlin", out _);

        Assert.Equal(DateTimeOffset.Parse(expected), schedule!.LatestAtOrBefore(DateTimeOffset.Parse(instant)));
    }

    [Fact]
    public void A_cron_that_never_fired_in_the_last_400_days_has_no_latest_occurrence()
    {
        // 29 February: the previous one is more than 400 days before this instant.
        var schedule = CronSchedule.TryParse("0 0 29 2 *", "UTC", out _);

        Assert.Null(schedule!.LatestAtOrBefore(DateTimeOffset.Parse("2026-12-03T00:00:00Z")));
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
