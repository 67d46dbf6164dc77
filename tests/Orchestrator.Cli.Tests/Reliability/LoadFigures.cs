using System.Text;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>What a load test measured, gathered as it goes and printed as one report: memory at each quarter-wave of finished runs, each wave's duration, the latencies.</summary>
public sealed class LoadFigures(int total, int perWave)
{
    private readonly List<(int Finished, long Bytes)> _marks = [];
    private readonly List<(int Wave, TimeSpan Submitted, TimeSpan Took, long Bytes)> _waves = [];
    private List<TimeSpan> _latencies = [];

    /// <summary>The next count of finished runs to note memory at (each quarter of a wave), or null after the last.</summary>
    public int? NextMark
    {
        get
        {
            var next = (_marks.Count + 1) * Math.Max(1, perWave / 4);
            return next <= total ? next : null;
        }
    }

    public void Mark(int finished, long bytes) => _marks.Add((finished, bytes));

    public void Wave(int wave, TimeSpan submitted, TimeSpan took, long bytes) => _waves.Add((wave, submitted, took, bytes));

    public void Latencies(IEnumerable<TimeSpan> latencies) => _latencies = [.. latencies.Order()];

    public string Report(long peakBytes, long storeBytes)
    {
        var text = new StringBuilder();
        var seconds = _waves.Sum(w => w.Took.TotalSeconds);
        text.Append($"{total} runs in {_waves.Count} wave{(_waves.Count == 1 ? "" : "s")} of {perWave} started at once; ");
        text.Append($"{total / seconds:0.0} runs/s; latency (created to finished) p50 {Percentile(0.50):0.00} s, p95 {Percentile(0.95):0.00} s, max {Percentile(1):0.00} s; ");
        text.Append($"peak RSS {Mb(peakBytes)} MB; store {Mb(storeBytes)} MB\n");
        foreach (var (wave, submitted, took, bytes) in _waves)
            text.Append($"  wave {wave}: all started (POST answered) after {submitted.TotalSeconds:0.0} s, all finished after {took.TotalSeconds:0.0} s, RSS then {Mb(bytes)} MB\n");
        text.Append("  RSS after finished runs: " + string.Join(", ", _marks.Select(m => $"{m.Finished}: {Mb(m.Bytes)} MB")));
        return text.ToString();
    }

    private double Percentile(double p) => _latencies.Count == 0 ? 0 : _latencies[(int)Math.Min(_latencies.Count - 1, Math.Ceiling(p * _latencies.Count) - 1)].TotalSeconds;

    private static long Mb(long bytes) => bytes / (1024 * 1024);
}
