using System.Text.Json.Nodes;
using Orchestrator.Cli.Hosting;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Scheduling;
using Orchestrator.Core.Validation;
using Orchestrator.Hangfire.Scheduling;
using Orchestrator.Storage;

namespace Orchestrator.Cli.Distribution;

/// <summary>
/// A schedule checked in full before anything is stored, for <c>orchestrator schedule</c> and the server alike: the
/// cron and zone parse, the queue and overlap are valid, the workflow resolves and is reachable by id from where a
/// fire happens, its inputs pass preflight, and the name is one a schedule can have. Either a record or the refusal.
/// </summary>
public sealed record SchedulePlan(ScheduleRecord? Record, CronSchedule? Cron, string? Reference, string? Refusal, IReadOnlyList<ValidationIssue> Issues)
{
    public sealed record Request(string Target, string? Name, string? Cron, string TimeZone, string Queue, string Overlap, string Actor);

    /// <summary><paramref name="inputs"/> gives the inputs for the resolved workflow (from <c>name=value</c> text, or JSON).</summary>
    public static async Task<SchedulePlan> MakeAsync(CliHost host, OrchestratorStores stores, Request request, Func<WorkflowDefinition, JsonObject> inputs, CancellationToken cancellationToken)
    {
        if (Check(request, out var schedule, out var policy) is { } refusal) return Refused(refusal);
        var resolved = await WorkflowTarget.ResolveAsync(host, stores.Definitions, request.Target, cancellationToken);
        if (resolved.Definition is not { } definition) return new SchedulePlan(null, null, null, null, resolved.Issues);
        var pinned = WorkflowTarget.IsFile(request.Target) || request.Target.Contains('@') ? definition.Version : (int?)null;
        var reference = pinned is { } v ? $"{definition.Id}@{v}" : definition.Id;
        // A fire resolves the workflow by id, perhaps on another machine: a file must be reachable that way too.
        if ((await new CliWorkflowResolver(host, stores.Definitions).ResolveAsync(reference, cancellationToken)).Definition is null)
            return Refused($"{request.Target} is not reachable as {reference} from the store or the workflows folders; publish it first ('orchestrator publish FILE') and schedule its id");
        JsonObject given;
        try
        {
            given = inputs(definition);
            if (RunPreflight.Check(definition, host.Activities, RunInputs.Resolve(definition, given)) is { Count: > 0 } problems)
                return new SchedulePlan(null, null, null, null, problems);
        }
        catch (RunSetupException e)
        {
            return new SchedulePlan(null, null, null, null, [new ValidationIssue(definition.File, null, "/inputs", e.Message, null)]);
        }
        var name = request.Name ?? definition.Id;
        if (!ScheduleNames.IsValid(name)) return Refused($"'{name}' cannot name a schedule; {ScheduleNames.Hint}");
        var record = new ScheduleRecord
        {
            Name = name, WorkflowId = definition.Id, WorkflowVersion = pinned, Cron = schedule!.Expression, TimeZone = schedule.Zone.Id,
            Inputs = given, Queue = request.Queue, Overlap = policy, CreatedBy = request.Actor, CreatedAt = DateTimeOffset.UtcNow,
        };
        return new SchedulePlan(record, schedule, reference, null, []);
    }

    /// <summary>Stores the schedule (journalled) and, where workers share Hangfire's storage, registers it now; true when it is new.</summary>
    public async Task<bool> SaveAsync(JobServicesFactory services, OrchestratorStores stores, CancellationToken cancellationToken)
    {
        var created = await stores.Schedules.SaveAsync(Record!, Record!.CreatedBy, cancellationToken);
        var jobs = services();
        if (jobs.SharedStorage) await new ScheduleRegistrar(jobs).SyncAsync(cancellationToken);
        return created;
    }

    public delegate Hangfire.Workers.JobServices JobServicesFactory();

    private static string? Check(Request request, out CronSchedule? schedule, out OverlapPolicy policy)
    {
        schedule = null;
        policy = OverlapPolicy.Skip;
        if (request.Cron is null) return "--cron is missing; " + CronSchedule.CronHint;
        if (DistributionOptions.CheckQueue(request.Queue) is { } badQueue) return badQueue;
        if (ParsePolicy(request.Overlap) is not { } parsed) return $"--overlap '{request.Overlap}' is not a policy; give skip or queue";
        policy = parsed;
        schedule = CronSchedule.TryParse(request.Cron, request.TimeZone, out var error);
        return schedule is null ? $"--cron/--time-zone: {error}" : null;
    }

    public static OverlapPolicy? ParsePolicy(string text) => text switch
    {
        "skip" => OverlapPolicy.Skip,
        "queue" => OverlapPolicy.Queue,
        _ => null,
    };

    private static SchedulePlan Refused(string refusal) => new(null, null, null, refusal, []);
}
