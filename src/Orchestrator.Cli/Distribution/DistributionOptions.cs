using System.CommandLine;
using Orchestrator.Core.Definitions;

namespace Orchestrator.Cli.Distribution;

/// <summary>Options the distribution commands share.</summary>
public static class DistributionOptions
{
    /// <summary>A killed worker's job is fetched again after this long; every worker and client of a store should agree.</summary>
    public static readonly Option<string> RequeueAfter = new("--requeue-after")
    {
        Description = "How long a job fetched by a worker that stopped heartbeating (killed, or cut off) waits before another worker takes it. "
            + "A live worker renews its jobs every fifth of this, so a long training step is never fetched twice. Default: $ORCHESTRATOR_REQUEUE_AFTER, else 2m.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ORCHESTRATOR_REQUEUE_AFTER") is { Length: > 0 } v ? v : "2m",
    };

    public static Option<string> Queue(string description) => new("--queue")
    {
        Description = description,
        DefaultValueFactory = _ => QueueNames.Default,
    };

    /// <summary>The settings, or an error naming the option and the form it takes.</summary>
    public static Hangfire.Storage.HangfireSettings? Settings(ParseResult parse, out string? error)
    {
        var text = parse.GetValue(RequeueAfter)!;
        if (!Duration.TryParse(text, out var requeue) || requeue < TimeSpan.FromSeconds(5))
        {
            error = $"--requeue-after '{text}' is not a duration of at least 5s; {Duration.Hint}";
            return null;
        }
        error = null;
        return new Hangfire.Storage.HangfireSettings { RequeueAfter = requeue };
    }

    /// <summary>Null when <paramref name="queue"/> is a valid queue name, else the error to print.</summary>
    public static string? CheckQueue(string queue, string option = "--queue") =>
        QueueNames.IsValid(queue) ? null : $"{option} '{queue}' is not a queue name; {QueueNames.Hint}";
}
