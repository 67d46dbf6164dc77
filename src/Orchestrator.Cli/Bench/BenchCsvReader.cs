using System.Globalization;
using Orchestrator.Core.Engine;

namespace Orchestrator.Cli.Bench;

/// <summary>
/// Reads the round points back from a CSV that <see cref="BenchCsv"/> wrote, by column name, so a file written before a
/// column existed (gflop, cpu_seconds, audited_precision) still reads: a missing optional column reads as zero or empty.
/// A file the figures cannot use is an error that names the file, and the line and column where that helps.
/// </summary>
public static class BenchCsvReader
{
    /// <summary>The columns every reader of a bench CSV needs: whose run, which round, where it stood and when.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = ["arm", "seed", "round", "frontier", "wall_seconds"];

    public static IReadOnlyList<RoundPoint> Read(string path)
    {
        if (!File.Exists(path)) throw new RunSetupException($"no bench CSV at {path}");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0) throw new RunSetupException($"{path} is empty; a bench CSV starts with a header line ({string.Join(',', RequiredColumns)}, ...)");
        var header = Fields(lines[0]);
        var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new RunSetupException($"{path} has no column {string.Join(", ", missing.Select(c => $"'{c}'"))}; its columns are {string.Join(", ", header)}, " +
                $"and a bench CSV needs {string.Join(", ", RequiredColumns)}");
        if (lines.Count == 1) throw new RunSetupException($"{path} has a header but no rows");

        var points = new List<RoundPoint>();
        for (var i = 1; i < lines.Count; i++)
        {
            var fields = Fields(lines[i]);
            if (fields.Count != header.Count)
                throw new RunSetupException($"{path} line {i + 1} has {fields.Count} fields where the header has {header.Count}");
            var row = new Row(path, i + 1, header, fields);
            var frontier = row.Int("frontier");
            points.Add(new RoundPoint(
                row.Text("arm"), row.Long("seed"), row.Int("round"), frontier, row.OptionalInt("candidate_frontier") ?? frontier,
                row.Text("promoted") is "1" or "true", row.OptionalDouble("p_value"), row.OptionalInt("kept") ?? 0, row.OptionalLong("training_steps") ?? 0,
                row.Double("wall_seconds"), row.Accuracy("accuracy_by_length"), row.OptionalDouble("audited_precision"),
                row.OptionalDouble("gflop") ?? 0, row.OptionalDouble("cpu_seconds") ?? 0));
        }
        return points;
    }

    /// <summary>Splits one line at commas outside double quotes (BenchCsv quotes nothing; older hand-made CSVs in docs/bench do).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else current.Append(c);
        }
        fields.Add(current.ToString().Trim());
        return fields;
    }

    private sealed record Row(string Path, int Line, List<string> Header, List<string> Fields)
    {
        public string Text(string column) => Header.IndexOf(column) is var i and >= 0 ? Fields[i] : "";

        public int Int(string column) => OptionalInt(column) ?? throw Empty(column);
        public long Long(string column) => OptionalLong(column) ?? throw Empty(column);
        public double Double(string column) => OptionalDouble(column) ?? throw Empty(column);

        public int? OptionalInt(string column) => Parse<int>(column, "a whole number", t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null);
        public long? OptionalLong(string column) => Parse<long>(column, "a whole number", t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null);
        public double? OptionalDouble(string column) => Parse<double>(column, "a number", t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null);

        /// <summary>length:accuracy pairs separated by spaces, as BenchCsv writes them.</summary>
        public IReadOnlyDictionary<int, double> Accuracy(string column)
        {
            var accuracy = new Dictionary<int, double>();
            foreach (var pair in Text(column).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split(':');
                if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var length)
                    || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                    throw new RunSetupException($"{Path} line {Line}: column '{column}' has '{pair}', not length:accuracy");
                accuracy[length] = value;
            }
            return accuracy;
        }

        private T? Parse<T>(string column, string what, Func<string, T?> parse) where T : struct
        {
            var text = Text(column);
            if (text.Length == 0) return null;
            return parse(text) ?? throw new RunSetupException($"{Path} line {Line}: column '{column}' is '{text}', not {what}");
        }

        private RunSetupException Empty(string column) => new($"{Path} line {Line}: column '{column}' is empty");
    }
}
