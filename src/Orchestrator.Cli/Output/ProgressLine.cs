using System.Diagnostics;
using Orchestrator.Core.Activities;

namespace Orchestrator.Cli.Output;

/// <summary>
/// Shows a long step's progress (step, loss, tokens/s, time left). In a terminal it is one line rewritten in
/// place; when stderr is redirected to a file or pipe it becomes a plain line every few seconds, so logs stay
/// readable and never fill with carriage returns.
/// </summary>
public sealed class ProgressLine(Lock sync)
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LiveInterval = TimeSpan.FromMilliseconds(200);
    private readonly bool _live = !Console.IsErrorRedirected;
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private bool _shown;

    public void Report(string stepKey, StepProgress progress)
    {
        var finished = progress.Done >= progress.Total;
        lock (sync)
        {
            if (!_live && finished) return; // the step's own "ok" line follows
            if (!finished && _sinceLast.Elapsed < (_live ? LiveInterval : PlainInterval)) return;
            _sinceLast.Restart();
            var text = $"  ...  {stepKey}  {Format(progress)}";
            if (_live)
            {
                var width = Math.Max(Console.WindowWidth - 1, 40);
                Console.Error.Write("\r" + (text.Length > width ? text[..width] : text.PadRight(width)));
                _shown = true;
            }
            else Console.Error.WriteLine(text);
        }
    }

    /// <summary>Erases the live line before a normal line is written (call under the same lock).</summary>
    public void Clear()
    {
        if (!_shown) return;
        Console.Error.Write("\r" + new string(' ', Math.Max(Console.WindowWidth - 1, 40)) + "\r");
        _shown = false;
    }

    private static string Format(StepProgress p)
    {
        var parts = new List<string> { $"{p.Phase} {p.Done}/{p.Total}" };
        if (p.Loss is { } loss) parts.Add($"loss {loss:0.0000}");
        if (p.TokensPerSecond is { } tps) parts.Add($"{tps:N0} tokens/s");
        if (p.Remaining is { } left) parts.Add($"ETA {(left.TotalMinutes >= 1 ? $"{(int)left.TotalMinutes}m{left.Seconds:00}s" : $"{left.TotalSeconds:0}s")}");
        if (p.Detail is { Length: > 0 } detail) parts.Add(detail);
        return string.Join("  ", parts);
    }
}
