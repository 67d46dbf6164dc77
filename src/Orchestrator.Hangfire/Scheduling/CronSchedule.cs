using Cronos;

namespace Orchestrator.Hangfire.Scheduling;

/// <summary>
/// A cron expression read in a time zone: five fields (minute resolution) or six (seconds first), the forms
/// Hangfire's recurring jobs accept. Parsing is the validation: a bad expression or an unknown zone says why.
/// </summary>
public sealed class CronSchedule
{
    public const string CronHint = "a cron expression has five fields (minute hour day-of-month month day-of-week, e.g. \"0 2 * * *\" for 02:00 daily) or six with seconds first (e.g. \"*/30 * * * * *\")";
    public const string TimeZoneHint = "use an IANA time-zone id such as UTC, Europe/Berlin or America/New_York";

    private CronSchedule(string expression, CronExpression cron, TimeZoneInfo zone)
    {
        Expression = expression;
        Cron = cron;
        Zone = zone;
    }

    public string Expression { get; }
    public CronExpression Cron { get; }
    public TimeZoneInfo Zone { get; }

    /// <summary>The schedule, or null with <paramref name="error"/> naming what is wrong and how to write it.</summary>
    public static CronSchedule? TryParse(string expression, string timeZone, out string? error)
    {
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            error = $"'{expression}' has {fields} field{(fields == 1 ? "" : "s")}; {CronHint}";
            return null;
        }
        CronExpression cron;
        try
        {
            cron = CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            error = $"'{expression}' is not a cron expression ({e.Message.TrimEnd('.')}); {CronHint}";
            return null;
        }
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error = $"unknown time zone '{timeZone}'; {TimeZoneHint}";
            return null;
        }
        error = null;
        return new CronSchedule(expression, cron, zone);
    }

    public DateTimeOffset? NextAfter(DateTimeOffset instant) => Cron.GetNextOccurrence(instant, Zone);

    /// <summary>
    /// The newest occurrence at or before <paramref name="instant"/>, or null when there is none in the 400 days before it.
    /// Cronos only counts forwards, so windows that double backwards from the instant are searched until one holds an
    /// occurrence; the first such window holds few, whatever the cron's density.
    /// </summary>
    public DateTimeOffset? LatestAtOrBefore(DateTimeOffset instant)
    {
        for (var window = TimeSpan.FromSeconds(1); window <= TimeSpan.FromDays(400); window *= 2)
        {
            DateTimeOffset? latest = null;
            foreach (var occurrence in Cron.GetOccurrences(instant - window, instant, Zone, fromInclusive: true, toInclusive: true)) latest = occurrence;
            if (latest is not null) return latest;
        }
        return null;
    }
}
