using Orchestrator.Core.Activities;
using Orchestrator.Core.Engine;

namespace Orchestrator.Cli.Output;

/// <summary>
/// Progress as plain lines on stderr, one per finished step, so it reads the same in a terminal, a log
/// file or a pipe, and stdout stays free for results (and for the single document of <c>--json</c>).
/// </summary>
public sealed class ConsoleRunObserver : IRunObserver
{
    private readonly Lock _lock = new();
    private readonly ProgressLine _progress;

    private readonly bool _namesRuns;

    /// <param name="namesRuns">Start each step's line with its run id, for a worker executing several runs at once.</param>
    public ConsoleRunObserver(bool namesRuns = false)
    {
        _progress = new ProgressLine(_lock);
        _namesRuns = namesRuns;
    }

    private string Of(string runId) => _namesRuns ? runId + " " : "";

    public void RunStarted(RunRecord run, bool resumed) =>
        Write($"{(resumed ? "resuming" : "run")} {run.Id}: {run.WorkflowId}@{run.WorkflowVersion} (seed {run.Seed}, store position {run.Position ?? "start"})");

    public void StepFinished(string runId, StepRecord step, TimeSpan elapsed)
    {
        var mark = step.Status switch
        {
            StepStatus.Succeeded => "ok  ",
            StepStatus.Skipped => "skip",
            StepStatus.Failed => "FAIL",
            _ => "    ",
        };
        var attempts = step.Attempts > 1 ? $"  ({step.Attempts} attempts)" : "";
        var error = step.Error is { } e ? $"  [{e.Type}] {e.Message}" : "";
        Write($"  {Of(runId)}{mark} {step.Key}  {step.Kind}  {Format(elapsed)}{attempts}{error}");
    }

    public void StepRetrying(string runId, string stepKey, int attempt, TimeSpan delay, string reason) =>
        Write($"  {Of(runId)}retry {stepKey}: attempt {attempt} in {Format(delay)} ({reason})");

    public void Log(string runId, string stepKey, string message) => Write($"  {Of(runId)}log  {stepKey}: {message}");

    public void Progress(string runId, string stepKey, StepProgress progress) => _progress.Report(Of(runId) + stepKey, progress);

    private static string Format(TimeSpan elapsed) =>
        elapsed.TotalMilliseconds < 1000 ? $"{elapsed.TotalMilliseconds:0} ms" : $"{elapsed.TotalSeconds:0.0} s";

    private void Write(string line)
    {
        lock (_lock)
        {
            _progress.Clear();
            Console.Error.WriteLine(line);
        }
    }
}
