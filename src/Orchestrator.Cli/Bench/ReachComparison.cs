using Orchestrator.Core.Engine;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// Several benches side by side: reads their CSVs, makes one <see cref="ReachCurve"/> per suite and arm, draws them on one
/// figure and returns the summary table. Arms are whatever the CSVs hold, so a new arm needs no change here.
/// </summary>
public static class ReachComparison
{
    /// <summary>A bench CSV and the suite its lines are named after.</summary>
    public sealed record Source(string Suite, string Path)
    {
        /// <summary>
        /// <c>suite=path</c>, or a bare path whose file name is the suite (BenchCsv names the file after its suite, e.g. self-label.csv);
        /// naming the suite tells apart two runs of one bench.
        /// </summary>
        public static Source Parse(string text) =>
            text.IndexOf('=') is var at and > 0 && !File.Exists(text) ? new(text[..at], text[(at + 1)..]) : new(System.IO.Path.GetFileNameWithoutExtension(text), text);
    }

    /// <summary>Draws the figure at <paramref name="png"/> and returns the markdown table of the same curves.</summary>
    public static string Write(IReadOnlyList<Source> sources, IReadOnlyCollection<string> arms, string png, string title)
    {
        var curves = Curves(sources, arms);
        if (Path.GetDirectoryName(Path.GetFullPath(png)) is { } folder) Directory.CreateDirectory(folder);
        ReachFigure.Write(png, curves, title);
        return ReachTable.Markdown(curves);
    }

    /// <summary>
    /// One curve per suite and arm, in the order the files and their rows give them. <paramref name="arms"/> keeps only
    /// the arms named (<c>arm</c> in any suite, or <c>suite/arm</c>); empty keeps them all.
    /// </summary>
    public static IReadOnlyList<ReachCurve> Curves(IReadOnlyList<Source> sources, IReadOnlyCollection<string> arms)
    {
        if (sources.Count == 0) throw new RunSetupException("no bench CSV given; name one or more with --csv");
        var seeds = new Dictionary<(string Suite, string Arm), Dictionary<long, (string Path, ReachCurve.Seed Seed)>>();
        var order = new List<(string Suite, string Arm)>();
        foreach (var source in sources)
        foreach (var run in BenchCsvReader.Read(source.Path).GroupBy(p => (p.Arm, p.Seed)))
        {
            var key = (source.Suite, run.Key.Arm);
            if (!seeds.TryGetValue(key, out var bySeed))
            {
                seeds[key] = bySeed = [];
                order.Add(key);
            }
            if (bySeed.TryGetValue(run.Key.Seed, out var earlier) && earlier.Path != source.Path)
                throw new RunSetupException($"seed {run.Key.Seed} of {source.Suite}/{run.Key.Arm} is in both {earlier.Path} and {source.Path}; " +
                    $"name their suites apart (--csv one={earlier.Path} --csv other={source.Path})");
            bySeed[run.Key.Seed] = (source.Path, ReachCurve.Seed.From(run.Key.Seed, run));
        }

        var unknown = arms.Where(a => !order.Any(k => Chosen(k, a))).ToList();
        if (unknown.Count > 0)
            throw new RunSetupException($"no arm {string.Join(", ", unknown.Select(a => $"'{a}'"))} in {string.Join(", ", sources.Select(s => s.Path))}; " +
                $"the arms are {string.Join(", ", order.Select(k => $"{k.Suite}/{k.Arm}"))}");
        return order.Where(k => arms.Count == 0 || arms.Any(a => Chosen(k, a)))
            .Select(k => new ReachCurve(k.Suite, k.Arm, IsControl(k.Suite, k.Arm), seeds[k].Values.Select(v => v.Seed).OrderBy(s => s.Value).ToList()))
            .ToList();
    }

    private static bool Chosen((string Suite, string Arm) key, string asked) => asked == key.Arm || asked == $"{key.Suite}/{key.Arm}";

    /// <summary>Whether a bench describes the arm as a control; the figure dashes controls so the loops stand out. Unknown arms are loops.</summary>
    private static bool IsControl(string suite, string arm)
    {
        BenchSuite[] known = [BenchSuite.SelfImprove, BenchSuite.SelfLabel];
        var described = known.FirstOrDefault(s => s.Name == suite)?.Arms.FirstOrDefault(a => a.Name == arm)
            ?? known.SelectMany(s => s.Arms).FirstOrDefault(a => a.Name == arm);
        return described?.Description.StartsWith("control", StringComparison.Ordinal) == true;
    }
}
