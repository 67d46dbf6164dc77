using Hangfire;
using Orchestrator.Cli.Distribution;
using Orchestrator.Cli.Hosting;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Validation;
using Orchestrator.Hangfire.Enqueueing;
using Orchestrator.Server.Runs;
using Orchestrator.Storage;

namespace Orchestrator.Cli.Serving;

/// <summary>
/// Starts runs for <c>orchestrator serve</c> with the CLI's activities and plugins: the same checks as <c>run</c> and
/// <c>enqueue</c> (the workflow resolves and validates, the inputs pass preflight), then the run executes in the
/// server's process (progress recorded through <paramref name="observer"/>) or is queued for a worker. A workflow is
/// named by id; the API never opens a file path.
/// </summary>
public sealed class CliRunLauncher(CliHost host, OrchestratorStores stores, BackgroundRuns background, JobStorage jobs, IRunObserver observer) : IRunLauncher
{
    public async Task<LaunchOutcome> StartAsync(LaunchRequest request, string actor, CancellationToken cancellationToken)
    {
        if (WorkflowTarget.IsFile(request.Workflow))
            return LaunchOutcome.Refused(request.Workflow, "the API starts workflows by id (ID or ID@VERSION), not by file", "publish the file first (POST /api/workflows or 'orchestrator publish FILE')");
        if (request.Queue is { } queue && DistributionOptions.CheckQueue(queue, "queue") is { } badQueue)
            return LaunchOutcome.Refused(request.Workflow, badQueue);
        var resolved = await WorkflowTarget.ResolveAsync(host, stores.Definitions, request.Workflow, cancellationToken);
        if (resolved.Definition is not { } definition) return new LaunchOutcome(null, resolved.Issues);
        System.Text.Json.Nodes.JsonObject inputs;
        try
        {
            inputs = RunInputs.Resolve(definition, request.Inputs);
        }
        catch (RunSetupException e)
        {
            return new LaunchOutcome(null, [new ValidationIssue(definition.File, null, "/inputs", e.Message, null)]);
        }
        if (RunPreflight.Check(definition, host.Activities, inputs) is { Count: > 0 } problems) return new LaunchOutcome(null, problems);

        var start = new RunStartOptions { RunId = request.RunId, Seed = request.Seed };
        if (request.Queue is { } queueName)
        {
            var services = DistributionHost.Services(host, stores, jobs, actor);
            var queued = await new RunEnqueuer(services).EnqueueAsync(definition, resolved.Catalog, request.Inputs, start, queueName, null, cancellationToken);
            return new LaunchOutcome(queued.Run, []);
        }
        var engine = Engine();
        var creation = await engine.CreateAsync(definition, resolved.Catalog, request.Inputs, start, cancellationToken);
        if (creation.Created || creation.Run.Status != RunStatus.Succeeded) background.TryStart(creation.Run.Id, token => engine.ResumeAsync(creation.Run.Id, token));
        return new LaunchOutcome(creation.Run, []);
    }

    public async Task<LaunchOutcome> ResumeAsync(string runId, string actor, CancellationToken cancellationToken)
    {
        if (await stores.Runs.FindRunAsync(runId, cancellationToken) is not { } run)
            return LaunchOutcome.Refused(runId, $"no run '{runId}' in this store");
        if (!background.TryStart(runId, token => Engine().ResumeAsync(runId, token)))
            return LaunchOutcome.Refused(runId, $"run {runId} is running in this server already");
        return new LaunchOutcome(run, []);
    }

    /// <summary>An engine that reports through the server's observer (progress to the store) and stops on cancel requests.</summary>
    private WorkflowEngine Engine() =>
        new(stores.Runs, new InProcessStepDispatcher(host.Activities, TimeProvider.System, observer), observer: observer, control: stores.Control);
}
