using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Definitions.Catalog;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Engine.Store;

namespace Orchestrator.Core.Engine;

/// <summary>
/// Starts and resumes runs. The engine owns all state: it pins the definitions, records every step in the
/// store as it commits, and hands activity attempts to an <see cref="IStepDispatcher"/> to run. With a
/// <paramref name="control"/> store, a run it executes stops when another process requests its cancellation there.
/// </summary>
public sealed class WorkflowEngine(IRunStore store, IStepDispatcher dispatcher, EngineOptions? options = null, TimeProvider? time = null, IRunObserver? observer = null,
    IRunControlStore? control = null)
{
    private readonly EngineOptions _options = options ?? new EngineOptions();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly IRunObserver _observer = observer ?? NullRunObserver.Instance;
    private readonly string _owner = RunOwner.Create();

    /// <summary>
    /// Takes the run's lease, so no other process executes it at the same time; a holder that died on this
    /// machine is replaced at once, a live one (or one elsewhere whose lease has not expired) refuses the resume.
    /// </summary>
    private async Task ClaimAsync(string runId, CancellationToken cancellationToken)
    {
        var claim = await store.ClaimAsync(runId, _owner, _time.GetUtcNow(), _options.LeaseDuration, null, cancellationToken);
        if (!claim.Granted && claim.Holder is { } holder && RunOwner.IsDeadOnThisMachine(holder))
            claim = await store.ClaimAsync(runId, _owner, _time.GetUtcNow(), _options.LeaseDuration, holder, cancellationToken);
        if (!claim.Granted)
            throw new RunLeaseHeldException(runId, claim.Holder, claim.Until);
    }

    public async Task<RunRecord> StartAsync(WorkflowDefinition definition, IDefinitionCatalog? catalog, JsonObject inputs, RunStartOptions? start = null, CancellationToken cancellationToken = default)
    {
        var (run, bundle, created) = await CreateRecordAsync(definition, catalog, inputs, start, RunStatus.Running, cancellationToken);
        if (!created) return await ResumeAsync(run.Id, cancellationToken);
        await ClaimAsync(run.Id, cancellationToken);
        _observer.RunStarted(run, resumed: false);
        return await new RunExecution(run, bundle, [], store, dispatcher, _time, _observer, _options, _owner, control).ExecuteAsync(cancellationToken);
    }

    /// <summary>
    /// Creates and pins a run without executing it (status <see cref="RunStatus.Queued"/>), for a worker to start
    /// with <see cref="ResumeAsync"/>. With a given run id this is idempotent: an existing run of that id, the same
    /// definition and the same inputs is returned as it is, so a request delivered twice creates one run.
    /// </summary>
    public async Task<RunCreation> CreateAsync(WorkflowDefinition definition, IDefinitionCatalog? catalog, JsonObject inputs, RunStartOptions? start = null, CancellationToken cancellationToken = default)
    {
        var (run, _, created) = await CreateRecordAsync(definition, catalog, inputs, start, RunStatus.Queued, cancellationToken);
        return new RunCreation(run, created);
    }

    private async Task<(RunRecord Run, DefinitionBundle Bundle, bool Created)> CreateRecordAsync(WorkflowDefinition definition, IDefinitionCatalog? catalog, JsonObject inputs,
        RunStartOptions? start, RunStatus status, CancellationToken cancellationToken)
    {
        start ??= new RunStartOptions();
        var bundle = DefinitionBundle.Collect(definition, catalog);
        var resolved = RunInputs.Resolve(definition, inputs);

        if (start.RunId is { } requestedId && await store.FindRunAsync(requestedId, cancellationToken) is { } existing)
            return (CheckSame(existing, definition, resolved), bundle, false);

        var now = _time.GetUtcNow();
        var run = new RunRecord
        {
            Id = start.RunId ?? RunIds.New(now),
            WorkflowId = definition.Id,
            WorkflowVersion = definition.Version,
            DefinitionHash = definition.ContentHash,
            Definitions = bundle.ToJson(),
            SourceFile = definition.File,
            Inputs = resolved,
            Seed = start.Seed ?? Random.Shared.NextInt64(0, int.MaxValue),
            Queue = start.Queue,
            Status = status,
            CreatedAt = now,
            UpdatedAt = now,
        };
        try
        {
            await store.CreateRunAsync(run, cancellationToken);
        }
        catch (Exception) when (start.RunId is not null)
        {
            // Another process may have created the same id between our look and our insert (a fire delivered twice at once).
            if (await store.FindRunAsync(run.Id, CancellationToken.None) is not { } winner) throw;
            return (CheckSame(winner, definition, resolved), bundle, false);
        }
        return (run, bundle, true);
    }

    private static RunRecord CheckSame(RunRecord existing, WorkflowDefinition definition, JsonObject resolved)
    {
        if (existing.DefinitionHash != definition.ContentHash)
            throw new RunSetupException($"run {existing.Id} already exists and pins {existing.WorkflowId}@{existing.WorkflowVersion} ({existing.DefinitionHash}); the given definition hashes to {definition.ContentHash}. Use another run id, or 'resume {existing.Id}'.");
        if (!JsonNode.DeepEquals(existing.Inputs, resolved))
            throw new RunSetupException($"run {existing.Id} already exists with other inputs ({existing.Inputs.ToJsonString()}); use another run id.");
        return existing;
    }

    /// <summary>
    /// Continues a run from its last committed step. A finished, succeeded run is returned as it is. A pending cancel
    /// request is withdrawn first (a resumed run runs), except for a queued run, which this starts: a cancel requested
    /// while it waited stops it before its first step.
    /// </summary>
    public async Task<RunRecord> ResumeAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = await store.FindRunAsync(runId, cancellationToken)
            ?? throw new RunSetupException($"no run '{runId}' in this store; 'orchestrator runs' lists them");
        if (run.Status == RunStatus.Succeeded) return run;
        var bundle = DefinitionBundle.FromRun(run);
        await ClaimAsync(runId, cancellationToken);
        // Only once the lease is ours: a resume refused because another process executes the run must not undo its cancel.
        if (control is not null && run.Status != RunStatus.Queued) await control.ClearCancelRequestAsync(runId, cancellationToken);
        var journal = await store.GetStepsAsync(runId, cancellationToken);
        await store.UpdateRunStatusAsync(runId, RunStatus.Running, null, null, _time.GetUtcNow(), cancellationToken);
        _observer.RunStarted(run with { Status = RunStatus.Running }, resumed: true);
        return await new RunExecution(run, bundle, journal, store, dispatcher, _time, _observer, _options, _owner, control).ExecuteAsync(cancellationToken);
    }
}
