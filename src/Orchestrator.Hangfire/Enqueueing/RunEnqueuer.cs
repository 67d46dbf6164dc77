using System.Text.Json.Nodes;
using Hangfire;
using Hangfire.States;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Engine;
using Orchestrator.Hangfire.Jobs;
using Orchestrator.Hangfire.Workers;

namespace Orchestrator.Hangfire.Enqueueing;

/// <summary>
/// Creates a run (validated, pinned, status queued) in our store and then queues a job that carries its id. A run
/// that already exists with the same id is queued again only while it is still queued, so a repeated request (a fire
/// delivered twice, <c>enqueue --id</c> run again after a crash) starts one run.
/// </summary>
public sealed class RunEnqueuer(JobServices services)
{
    public async Task<RunCreation> EnqueueAsync(WorkflowDefinition definition, IDefinitionCatalog catalog, JsonObject inputs, RunStartOptions start,
        string queue, string? afterRunId, CancellationToken cancellationToken)
    {
        var engine = new WorkflowEngine(services.Runs, services.Local, services.Engine, services.Time, control: services.Control);
        var creation = await engine.CreateAsync(definition, catalog, inputs, start with { Queue = queue }, cancellationToken);
        if (creation.Created || creation.Run.Status == RunStatus.Queued) Queue(creation.Run.Id, queue, afterRunId);
        return creation;
    }

    /// <summary>Queues the job for an existing run (a new run, or a queued one whose job may have been lost).</summary>
    public void Queue(string runId, string queue, string? afterRunId = null) =>
        services.Jobs.Create<RunJob>(job => job.ExecuteAsync(runId, afterRunId, CancellationToken.None), new EnqueuedState(queue));
}
