using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Orchestrator.Core.Engine;
using Orchestrator.Storage;

namespace Orchestrator.Server.Runs;

/// <summary>
/// A run's live events as Server-Sent Events, read from the store, so a run executing in any process (this server,
/// <c>orchestrator run</c> in a terminal, a worker) is seen: <c>run</c> (the summary, on connecting and whenever the
/// status changes), <c>step</c> (a step started, retried or committed; the event id is its journal sequence) and
/// <c>progress</c> (the running step's progress). The store is polled every <see cref="PollInterval"/>, and the steps
/// are read again only when the run's row has changed. The stream ends after a finished run's last events.
/// </summary>
public sealed class RunEventStream(OrchestratorStores stores, HttpResponse response, TimeProvider time)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, (StepStatus Status, int Attempts)> _seen = new(StringComparer.Ordinal);

    public async Task StreamAsync(RunRecord run, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        // Steps already in the journal are what the client reads from GET /api/runs/{id}; only changes are sent.
        foreach (var step in await stores.Runs.GetStepsAsync(run.Id, cancellationToken)) _seen[step.Key] = (step.Status, step.Attempts);
        await SendAsync("run", RunDocuments.Summary(run), null, cancellationToken);
        if (IsFinished(run.Status)) return; // nothing more will happen to it
        var (lastRow, lastStatus, lastWrite) = (run.UpdatedAt, run.Status, time.GetUtcNow());
        var progress = new ProgressFeed(stores);
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(PollInterval, time, cancellationToken);
            var now = await stores.Runs.FindRunAsync(run.Id, cancellationToken) ?? throw new InvalidOperationException($"run {run.Id} disappeared from the store");
            if (now.UpdatedAt != lastRow || now.Status != lastStatus)
            {
                foreach (var step in await stores.Runs.GetStepsAsync(run.Id, cancellationToken))
                {
                    if (_seen.TryGetValue(step.Key, out var was) && was == (step.Status, step.Attempts)) continue;
                    _seen[step.Key] = (step.Status, step.Attempts);
                    await SendAsync("step", RunDocuments.Step(step), step.Sequence, cancellationToken);
                }
                lastRow = now.UpdatedAt;
                lastWrite = time.GetUtcNow();
            }
            if (await progress.ChangedAsync(run.Id, cancellationToken) is { } document)
            {
                await SendAsync("progress", document, null, cancellationToken);
                lastWrite = time.GetUtcNow();
            }
            if (now.Status != lastStatus)
            {
                lastStatus = now.Status;
                await SendAsync("run", RunDocuments.Summary(now), null, cancellationToken);
                if (IsFinished(now.Status)) return;
            }
            if (time.GetUtcNow() - lastWrite > KeepAlive)
            {
                await WriteAsync(": keep-alive\n\n", cancellationToken);
                lastWrite = time.GetUtcNow();
            }
        }
    }

    public static bool IsFinished(RunStatus status) => status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;

    private Task SendAsync(string name, JsonObject data, long? id, CancellationToken cancellationToken) =>
        WriteAsync($"{(id is { } n ? $"id: {n}\n" : "")}event: {name}\ndata: {data.ToJsonString()}\n\n", cancellationToken);

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
