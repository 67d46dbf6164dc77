using System.Text.Json.Nodes;

namespace Orchestrator.AI.Editing;

/// <summary>
/// What the LLM editor has learned: the measured gains (frontier per TFLOP of compute, or per 1,000 training steps, over the parent, from
/// the screening trials) of the proposals it made, by arm. They are shown with the journal in the next prompt, and
/// kept in the editor's state so they carry across runs.
/// </summary>
public sealed class LearnedGains
{
    /// <summary>The most gains kept per arm: enough to see a pattern, few enough that a state stays small.</summary>
    public const int KeptPerArm = 20;

    private readonly Dictionary<string, List<double>> _gains = new(StringComparer.Ordinal);

    public IReadOnlyList<double> Of(string arm) => _gains.TryGetValue(arm, out var gains) ? gains : [];

    public int Arms => _gains.Count;

    public void Add(string arm, double gain)
    {
        if (!double.IsFinite(gain)) return;
        if (!_gains.TryGetValue(arm, out var gains)) _gains[arm] = gains = [];
        gains.Add(gain);
        if (gains.Count > KeptPerArm) gains.RemoveAt(0);
    }

    public JsonObject Save() => new(_gains.OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)new JsonArray([.. g.Value.Select(x => (JsonNode)x)]))));

    /// <exception cref="FormatException">Not a map of arm to a list of numbers.</exception>
    public void Load(JsonObject saved)
    {
        _gains.Clear();
        foreach (var (arm, value) in saved)
        {
            if (value is not JsonArray list || !list.All(x => x is JsonValue v && v.TryGetValue<double>(out _)))
                throw new FormatException($"the gains of '{arm}' are not a list of numbers");
            _gains[arm] = [.. list.Select(x => x!.GetValue<double>())];
        }
    }
}
