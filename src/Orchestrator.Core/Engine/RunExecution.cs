using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Definitions;
using Orchestrator.Core.Engine.Control;
using Orchestrator.Core.Engine.Dispatch;
using Orchestrator.Core.Engine.Store;
using Orchestrator.Core.Expressions;
using Orchestrator.Core.Json;

namespace Orchestrator.Core.Engine;

/// <summary>
/// Executes one run by walking its definition from the start. Steps the journal holds as committed are
/// replayed (their recorded output and state changes applied, their activity never called again); the
/// first uncommitted step runs for real. Because control flow depends only on inputs, state and outputs,
/// the walk reaches the same place it was interrupted, however deep in loops, branches and calls.
/// </summary>
internal sealed class RunExecution
{
    private readonly RunRecord _run;
    private readonly DefinitionBundle _bundle;
    private readonly ConcurrentDictionary<string, StepRecord> _journal;
    private readonly IRunStore _store;
    private readonly IStepDispatcher _dispatcher;
    private readonly TimeProvider _time;
    private readonly IRunObserver _observer;
    private readonly EngineOptions _options;
    private readonly ExpressionEvaluator _expressions;
    private readonly string _owner;
    private readonly IRunControlStore? _control;

    // Branches of a parallel step run at once. JSON trees are not safe for concurrent reads (they
    // materialise lazily), so every evaluation and snapshot of shared values happens under this lock;
    // the activities themselves run concurrently.
    private readonly Lock _valuesLock = new();
    private JsonObject _rootState = new();

    public RunExecution(RunRecord run, DefinitionBundle bundle, IEnumerable<StepRecord> journal, IRunStore store, IStepDispatcher dispatcher,
        TimeProvider time, IRunObserver observer, EngineOptions options, string owner, IRunControlStore? control = null)
    {
        _owner = owner;
        _control = control;
        _run = run;
        _bundle = bundle;
        _journal = new ConcurrentDictionary<string, StepRecord>(journal.Select(r => KeyValuePair.Create(r.Key, r)), StringComparer.Ordinal);
        _store = store;
        _dispatcher = dispatcher;
        _time = time;
        _observer = observer;
        _options = options;
        _expressions = new ExpressionEvaluator(options.Expressions);
    }

    public async Task<RunRecord> ExecuteAsync(CancellationToken cancellationToken)
    {
        var root = _bundle.Root;
        await using var lease = new RunLeaseKeeper(_store, _run.Id, _owner, _options.LeaseDuration, _time);
        await using var cancelWatch = new CancelRequestWatch(_control, _run.Id, _options.CancelPollInterval, _time);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost, cancelWatch.Requested);
        try
        {
            await cancelWatch.FirstLook;
            running.Token.ThrowIfCancellationRequested();
            _rootState = InitialState(root, _run.Inputs);
            var frame = Frame.ForWorkflow("", _run.Inputs, _rootState, isRoot: true);
            await RunStepsAsync(root.Steps, frame, running.Token);
            var output = WorkflowOutput(root, frame);
            await _store.UpdateRunStatusAsync(_run.Id, RunStatus.Succeeded, output, null, _time.GetUtcNow(), CancellationToken.None);
        }
        catch (StepFailedException e)
        {
            await _store.UpdateRunStatusAsync(_run.Id, RunStatus.Failed, null, e.Error, _time.GetUtcNow(), CancellationToken.None);
        }
        catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested)
        {
            // Another process holds the run now: it owns the status, so write nothing.
            throw new RunSetupException($"run {_run.Id} was taken over by {lease.LostTo} after this process lost its lease; stopped at a step boundary without finishing it");
        }
        catch (OperationCanceledException) when (cancelWatch.Request is { } request)
        {
            // Ahead of the caller's token: when a worker stops at the same moment, the run must still read as cancelled
            // on request, so that the job Hangfire re-queues leaves it stopped instead of resuming it.
            await _store.UpdateRunStatusAsync(_run.Id, RunStatus.Cancelled, null, CancelError(request), _time.GetUtcNow(), CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _store.UpdateRunStatusAsync(_run.Id, RunStatus.Cancelled, null, null, _time.GetUtcNow(), CancellationToken.None);
        }
        var finished = await _store.FindRunAsync(_run.Id, CancellationToken.None)
            ?? throw new InvalidOperationException($"run {_run.Id} vanished from its store while running");
        _observer.RunFinished(finished);
        return finished;
    }

    /// <summary>The request as the run's error, at the activity step it interrupted (the first by key when parallel branches ran).</summary>
    private StepError CancelError(CancelRequest request)
    {
        var interrupted = _journal.Values.Where(r => r.Status == StepStatus.Running).OrderBy(r => r.Key, StringComparer.Ordinal).FirstOrDefault();
        return interrupted is null ? request.ToError("", "", 0) : request.ToError(interrupted.Key, interrupted.Pointer, interrupted.Attempts);
    }

    private async Task RunStepsAsync(IReadOnlyList<StepDefinition> steps, Frame frame, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RunStepAsync(step, frame, cancellationToken);
        }
    }

    private async Task RunStepAsync(StepDefinition step, Frame frame, CancellationToken cancellationToken)
    {
        var key = frame.KeyOf(step.Id);
        _journal.TryGetValue(key, out var record);
        switch (record)
        {
            case { Status: StepStatus.Skipped }:
                frame.SetOutput(step.Id, null);
                return;
            case { Status: StepStatus.Succeeded } when step is ActivityStep:
                Replay(record, frame, step.Id);
                return;
        }
        try
        {
            await ExecuteStepAsync(step, frame, key, record, cancellationToken);
        }
        catch (ExpressionException e)
        {
            throw await FailAsync(step, key, "expression", e.Message, 0);
        }
    }

    private async Task ExecuteStepAsync(StepDefinition step, Frame frame, string key, StepRecord? record, CancellationToken cancellationToken)
    {

        if (record is not { Status: StepStatus.Succeeded } && step.If is { } condition && !Evaluate(() => _expressions.Test(condition, frame.Scope())))
        {
            await CommitAsync(Record(step, key, StepStatus.Skipped) with { EndedAt = _time.GetUtcNow() });
            _observer.StepFinished(_run.Id, _journal[key], TimeSpan.Zero);
            frame.SetOutput(step.Id, null);
            return;
        }

        var started = _time.GetTimestamp();
        JsonNode? output;
        JsonObject? stateChanges = null;
        switch (step)
        {
            case ActivityStep activity:
                (output, stateChanges) = await RunActivityAsync(activity, frame, key, cancellationToken);
                break;
            case LoopStep loop:
                output = await WithTimeoutAsync(step, key, token => RunLoopAsync(loop, frame, key, token), cancellationToken);
                break;
            case ParallelStep parallel:
                output = await WithTimeoutAsync(step, key, token => RunParallelAsync(parallel, frame, key, token), cancellationToken);
                break;
            case CallStep call:
                output = await WithTimeoutAsync(step, key, token => RunCallAsync(call, frame, key, token), cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"unknown step kind {step.GetType().Name}");
        }

        lock (_valuesLock)
        {
            if (stateChanges is not null)
                foreach (var (name, value) in stateChanges) frame.State[name] = value?.DeepClone();
            frame.SetOutput(step.Id, output);
        }
        if (record is { Status: StepStatus.Succeeded }) return;
        var committed = Record(step, key, StepStatus.Succeeded) with
        {
            Output = output,
            StateChanges = stateChanges,
            Attempts = _journal.TryGetValue(key, out var begun) ? begun.Attempts : 0,
            FirstStartedAt = begun?.FirstStartedAt,
            EndedAt = _time.GetUtcNow(),
        };
        await CommitAsync(committed);
        _observer.StepFinished(_run.Id, committed, _time.GetElapsedTime(started));
    }

    private async Task<(JsonNode? Output, JsonObject? StateChanges)> RunActivityAsync(ActivityStep step, Frame frame, string key, CancellationToken cancellationToken)
    {
        var inputs = Evaluate(() => (JsonObject)_expressions.Render(step.With, frame.Scope())!);
        var pipeline = StepResilience.Build(step, _time,
            (attempt, delay, reason) => _observer.StepRetrying(_run.Id, key, attempt, delay, reason), cancellationToken);
        var attempt = 0;
        // Tries of this delivery only: a start after a crash is the interrupted try again, not a retry.
        var tries = 0;
        try
        {
            var outcome = await pipeline.ExecuteAsync(async token =>
            {
                tries++;
                var begun = await _store.BeginStepAsync(_run.Id, Record(step, key, StepStatus.Running), _time.GetUtcNow(), cancellationToken);
                attempt = begun.Attempt;
                _journal[key] = Record(step, key, StepStatus.Running) with { Attempts = begun.Attempt, FirstStartedAt = begun.FirstStartedAt };
                _observer.StepStarted(_run.Id, key, step.Uses, attempt);
                JsonObject state;
                lock (_valuesLock) state = (JsonObject)frame.State.DeepClone();
                var invocation = new StepInvocation(_run.Id, key, step.Id, step.Uses, (JsonObject)inputs.DeepClone(), begun.Attempt, begun.FirstStartedAt, _run.Seed, state)
                {
                    Queue = step.Queue ?? frame.Queue,
                    Try = tries,
                };
                return await _dispatcher.DispatchAsync(invocation, token);
            }, cancellationToken);
            if (outcome.Error is { } error) throw await FailAsync(step, key, error.Type, error.Message, attempt);
            return (outcome.Output, outcome.StateChanges);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (StepFailedException)
        {
            throw;
        }
        catch (Exception e) when (StepResilience.IsTimeout(e))
        {
            throw await FailAsync(step, key, "timeout", $"the attempt took longer than {Duration.Format(step.Timeout ?? TimeSpan.Zero)}", attempt);
        }
        catch (Exception e) when (e is not StoreUnavailableException)
        {
            // A failing store (BeginStepAsync above) is not the step's failure: it propagates and the run stays resumable.
            throw await FailAsync(step, key, "exception:" + e.GetType().FullName, e.Message, attempt);
        }
    }

    private async Task<JsonNode?> RunLoopAsync(LoopStep step, Frame frame, string key, CancellationToken cancellationToken)
    {
        var max = Math.Min(step.Max ?? _options.MaxLoopIterations, _options.MaxLoopIterations);
        long times = long.MaxValue;
        if (step.Times is { } timesSource)
        {
            var value = Evaluate(() => _expressions.Render(timesSource, frame.Scope()));
            if (!JsonTypes.Matches(value, InputType.Int) || !JsonTypes.TryGetNumber(value, out var count) || count < 0)
                throw await FailAsync(step, key, "invalid-loop", $"times must evaluate to a whole number of at least 0, but gave {value?.ToJsonString() ?? "null"}", 0);
            times = (long)count;
            if (times > max)
                throw await FailAsync(step, key, "loop-bound-exceeded", $"times evaluated to {times}, more than the loop's hard maximum of {max}", 0);
        }
        var iterations = 0;
        var untilMet = false;
        while (iterations < Math.Min(times, max))
        {
            var iteration = frame.Iteration($"{key}/{iterations}/", iterations);
            await RunStepsAsync(step.Do, iteration, cancellationToken);
            iterations++;
            if (step.Until is { } until && Evaluate(() => _expressions.Test(until, iteration.Scope())))
            {
                untilMet = true;
                break;
            }
        }
        return new JsonObject
        {
            ["iterations"] = iterations,
            ["untilMet"] = untilMet,
            ["exhausted"] = step.Until is not null && !untilMet && iterations == max,
        };
    }

    private async Task<JsonNode?> RunParallelAsync(ParallelStep step, Frame frame, string key, CancellationToken cancellationToken)
    {
        var items = Evaluate(() => _expressions.Render(step.Over, frame.Scope()));
        if (items is not JsonArray list)
            throw await FailAsync(step, key, "invalid-parallel", $"over must evaluate to a list, but gave {JsonTypes.Describe(items)}", 0);

        var results = new JsonNode?[list.Count];
        var lastStep = step.Do[^1].Id;
        using var branches = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var gate = new SemaphoreSlim(step.MaxDegree);
        var tasks = list.Select(async (item, index) =>
        {
            await gate.WaitAsync(branches.Token);
            try
            {
                Frame branch;
                lock (_valuesLock) branch = frame.Branch($"{key}/{index}/", step.As, item, index, step.Queue);
                await RunStepsAsync(step.Do, branch, branches.Token);
                lock (_valuesLock) results[index] = branch.TryGetOutput(lastStep, out var output) ? output?.DeepClone() : null;
            }
            catch
            {
                // One failed branch stops the fan-out: no new branches start, running ones are cancelled.
                await branches.CancelAsync();
                throw;
            }
            finally
            {
                gate.Release();
            }
        }).ToList();

        try
        {
            await Task.WhenAll(tasks);
        }
        catch when (tasks.Select(t => t.Exception?.InnerException).OfType<StepFailedException>().FirstOrDefault() is { } failure)
        {
            throw failure;
        }
        return new JsonArray(results);
    }

    private async Task<JsonNode?> RunCallAsync(CallStep step, Frame frame, string key, CancellationToken cancellationToken)
    {
        var callee = _bundle.Get(step.Workflow, step.Version);
        var given = Evaluate(() => (JsonObject)_expressions.Render(step.With, frame.Scope())!);
        JsonObject inputs;
        try
        {
            inputs = RunInputs.Resolve(callee, given);
        }
        catch (RunSetupException e)
        {
            throw await FailAsync(step, key, "invalid-input", e.Message, 0);
        }
        var state = Evaluate(() => InitialState(callee, inputs));
        var sub = Frame.ForWorkflow($"{key}/", inputs, state, isRoot: false);
        await RunStepsAsync(callee.Steps, sub, cancellationToken);
        return Evaluate(() => WorkflowOutput(callee, sub));
    }

    private async Task<JsonNode?> WithTimeoutAsync(StepDefinition step, string key, Func<CancellationToken, Task<JsonNode?>> body, CancellationToken cancellationToken)
    {
        if (step.Timeout is not { } timeout) return await body(cancellationToken);
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await body(linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw await FailAsync(step, key, "timeout", $"the step took longer than {Duration.Format(timeout)}", 0);
        }
    }

    /// <summary>Evaluates under the values lock; an <see cref="ExpressionException"/> fails the step in <see cref="RunStepAsync"/>.</summary>
    private T Evaluate<T>(Func<T> evaluate)
    {
        lock (_valuesLock) return evaluate();
    }

    private JsonObject InitialState(WorkflowDefinition definition, JsonObject inputs) =>
        _expressions.Render(definition.InitialState, ExpressionScope.ForInputs(inputs)) as JsonObject ?? new JsonObject();

    private JsonNode? WorkflowOutput(WorkflowDefinition definition, Frame frame) =>
        definition.Output is { } output ? _expressions.Render(JsonValue.Create(output), frame.Scope()) : frame.State.DeepClone();

    private void Replay(StepRecord record, Frame frame, string stepId)
    {
        lock (_valuesLock)
        {
            if (record.StateChanges is { } changes)
                foreach (var (name, value) in changes) frame.State[name] = value?.DeepClone();
            frame.SetOutput(stepId, record.Output?.DeepClone());
        }
    }

    private async Task<StepFailedException> FailAsync(StepDefinition step, string key, string type, string message, int attempt)
    {
        var error = new StepError(type, message, key, step.Pointer, attempt);
        var failed = Record(step, key, StepStatus.Failed) with
        {
            Error = error,
            Attempts = _journal.TryGetValue(key, out var begun) ? begun.Attempts : attempt,
            FirstStartedAt = begun?.FirstStartedAt,
            EndedAt = _time.GetUtcNow(),
        };
        await CommitAsync(failed);
        _observer.StepFinished(_run.Id, failed, TimeSpan.Zero);
        return new StepFailedException(error);
    }

    private async Task CommitAsync(StepRecord record)
    {
        JsonObject state;
        lock (_valuesLock) state = (JsonObject)_rootState.DeepClone();
        await _store.CommitStepAsync(_run.Id, record, state, _time.GetUtcNow(), CancellationToken.None);
        _journal[record.Key] = record;
    }

    private static StepRecord Record(StepDefinition step, string key, StepStatus status) => new()
    {
        Key = key,
        StepId = step.Id,
        Pointer = step.Pointer,
        Kind = step switch
        {
            ActivityStep a => a.Uses,
            LoopStep => "loop",
            ParallelStep => "parallel",
            _ => "call",
        },
        Status = status,
    };
}
