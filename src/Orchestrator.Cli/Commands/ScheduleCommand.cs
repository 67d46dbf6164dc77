using System.CommandLine;
using Orchestrator.Cli.Distribution;
using Orchestrator.Cli.Hosting;
using Orchestrator.Cli.Output;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Scheduling;
using Orchestrator.Core.Validation;
using Orchestrator.Hangfire.Scheduling;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator schedule WORKFLOW --cron EXPR</c> records a schedule (journalled) and registers it with Hangfire;
/// <c>orchestrator schedule NAME --trigger</c> fires one now. Everything is checked before anything is stored.
/// </summary>
public static class ScheduleCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("workflow") { Description = "The workflow to run (ID, ID@VERSION, or a file whose id the store or the workflows folders hold); with --trigger, the schedule's name." };
        var cron = new Option<string?>("--cron") { Description = "When: five cron fields (e.g. \"0 2 * * *\", 02:00 daily) or six with seconds first." };
        var name = new Option<string?>("--name") { Description = "The schedule's name (default: the workflow id). Scheduling a name again replaces it." };
        var zone = new Option<string>("--time-zone") { Description = "The IANA time zone the cron is read in.", DefaultValueFactory = _ => "UTC" };
        var inputs = new Option<string[]>("--input", "-i") { Description = "An input as name=value for every run; repeatable.", AllowMultipleArgumentsPerToken = false };
        var queue = DistributionOptions.Queue("The queue the schedule's runs go to.");
        var overlap = new Option<string>("--overlap") { Description = "When the previous run is still going: skip (journal it and start nothing) or queue (start once it has finished).", DefaultValueFactory = _ => "skip" };
        var trigger = new Option<bool>("--trigger") { Description = "Fire the named schedule now, whatever its cron says." };
        var command = new Command("schedule", "Schedule a workflow to run on a cron (workers execute it), or fire a schedule now with --trigger.")
        {
            target, cron, name, zone, inputs, queue, overlap, trigger, DistributionOptions.RequeueAfter,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = DistributionOptions.Settings(parse, out var settingsError);
            if (settingsError is not null) return Refuse(settingsError);
            var host = CliHost.From(parse);
            if (parse.GetValue(trigger))
            {
                if (parse.GetValue(cron) is not null) return Refuse("--trigger fires an existing schedule; give its name without --cron");
                using var triggerStores = host.OpenStores();
                return await TriggerAsync(DistributionHost.Services(host, triggerStores, settings!, DistributionHost.CommandName), parse.GetValue(target)!, cancellationToken);
            }

            using var stores = host.OpenStores();
            var request = new SchedulePlan.Request(parse.GetValue(target)!, parse.GetValue(name), parse.GetValue(cron), parse.GetValue(zone)!,
                parse.GetValue(queue)!, parse.GetValue(overlap)!, CliHost.User);
            var plan = await SchedulePlan.MakeAsync(host, stores, request, definition => RunInputs.FromText(definition, parse.GetValue(inputs) ?? []), cancellationToken);
            if (plan.Refusal is { } refusal) return Refuse(refusal);
            if (plan.Record is not { } record)
            {
                IssuePrinter.Print(plan.Issues);
                return ExitCodes.InvalidInput;
            }
            var services = DistributionHost.Services(host, stores, settings!, DistributionHost.CommandName);
            var created = await plan.SaveAsync(() => services, stores, cancellationToken);
            var (schedule, reference, scheduleName, policy) = (plan.Cron!, plan.Reference!, record.Name, record.Overlap);
            var next = schedule.NextAfter(DateTimeOffset.UtcNow);
            Console.Out.WriteLine($"{(created ? "scheduled" : "rescheduled")} {scheduleName}: {reference} at \"{record.Cron}\" ({record.TimeZone}), queue {record.Queue}, overlap {SchedulesCommand.Name(policy)}; next fire {SchedulesCommand.Format(next)}");
            if (!services.SharedStorage) Console.Error.WriteLine("note: on the embedded store, fires happen while an 'orchestrator worker' runs on this machine");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> TriggerAsync(Hangfire.Workers.JobServices services, string scheduleName, CancellationToken cancellationToken)
    {
        if (await services.Schedules.FindScheduleAsync(scheduleName, cancellationToken) is null)
        {
            var known = (await services.Schedules.ListSchedulesAsync(cancellationToken)).Select(s => s.Name);
            return Refuse($"no schedule '{scheduleName}'; {NearestName.Hint(scheduleName, known, "'orchestrator schedules' lists them")}");
        }
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var outcome = await new ScheduleFirer(services).FireAsync(scheduleName, now, "triggered", cancellationToken);
        if (outcome.RunId is { } runId) Console.Out.WriteLine(runId);
        return outcome.Action == "failed" ? ExitCodes.RunFailed : ExitCodes.Success;
    }

    private static int Refuse(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCodes.InvalidInput;
    }
}
