namespace Orchestrator.Hangfire.Scheduling;

/// <summary>What a schedule may be called (it becomes part of run ids and of Hangfire's recurring-job id).</summary>
public static class ScheduleNames
{
    public const string Hint = "a schedule name is letters, digits, '-', '_' and '.', starting with a letter or digit (at most 80), e.g. nightly-addition";

    /// <summary>The recurring job Hangfire keeps for a schedule.</summary>
    public static string RecurringJobId(string name) => "schedule:" + name;

    public static bool IsValid(string name) =>
        name.Length is > 0 and <= 80 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
