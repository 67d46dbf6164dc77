using System.CommandLine;
using Hangfire;
using Orchestrator.Cli.Distribution;
using Orchestrator.Cli.Hosting;
using Orchestrator.Core.Validation;
using Orchestrator.Hangfire.Scheduling;

namespace Orchestrator.Cli.Commands;

/// <summary><c>orchestrator unschedule NAME</c>: deletes a schedule (journalled) and its recurring job; its runs stay.</summary>
public static class UnscheduleCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The schedule ('orchestrator schedules' lists them)." };
        var command = new Command("unschedule", "Delete a schedule; runs it started are kept.") { name, DistributionOptions.RequeueAfter };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = DistributionOptions.Settings(parse, out var settingsError);
            if (settingsError is not null)
            {
                Console.Error.WriteLine($"error: {settingsError}");
                return ExitCodes.InvalidInput;
            }
            var host = CliHost.From(parse);
            using var stores = host.OpenStores();
            var scheduleName = parse.GetValue(name)!;
            if (!await stores.Schedules.DeleteScheduleAsync(scheduleName, CliHost.User, DateTimeOffset.UtcNow, cancellationToken))
            {
                var known = (await stores.Schedules.ListSchedulesAsync(cancellationToken)).Select(s => s.Name);
                Console.Error.WriteLine($"error: no schedule '{scheduleName}'; {NearestName.Hint(scheduleName, known, "'orchestrator schedules' lists them")}");
                return ExitCodes.InvalidInput;
            }
            var services = DistributionHost.Services(host, stores, settings!, DistributionHost.CommandName);
            if (services.SharedStorage) new RecurringJobManager(services.Storage).RemoveIfExists(ScheduleNames.RecurringJobId(scheduleName));
            Console.Out.WriteLine($"unscheduled {scheduleName}");
            return ExitCodes.Success;
        });
        return command;
    }
}
