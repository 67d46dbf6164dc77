using System.Globalization;
using System.Text.Json.Nodes;

namespace Orchestrator.Core.SelfEditing.Editors;

/// <summary>
/// <c>bandit</c>, the default embedded editor: Thompson sampling over arms "move this tunable up" and "move it
/// down" (numbers, by a factor of <see cref="Step"/> within bounds) or "set it to this allowed value". Each arm's
/// reward is the measured gain of its past edits; its posterior is normal around their mean with a spread that
/// shrinks as outcomes accumulate, so untried arms are explored and arms that paid off are chosen more often.
/// </summary>
public sealed class BanditEditor : IWorkflowEditor
{
    /// <summary>
    /// How far one edit moves a number: multiplied or divided by this. A trial of the real loop costs minutes, so a
    /// generation can afford only a few; halving or doubling explores a coarse grid first, and a later generation
    /// can move the same tunable again from the adopted value.
    /// </summary>
    public const double Step = 2;

    // The prior spread of an arm's mean reward, in units of the meta-objective (frontier per TFLOP of compute, or per 1,000 steps; of similar size on the shipped loop).
    private const double PriorSpread = 0.5;

    private readonly Dictionary<string, (int Count, double Mean)> _arms = new(StringComparer.Ordinal);

    public string Name => "bandit";

    /// <summary>The bandit reads only its own state: the journal and adoptions of the request are already in it, as rewards.</summary>
    public Task<IReadOnlyList<EditProposal>> ProposeAsync(EditRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Propose(request.Space, request.Count, request.Random));

    /// <summary>Up to <paramref name="count"/> distinct proposals for <paramref name="space"/>; randomness only from <paramref name="random"/>.</summary>
    public IReadOnlyList<EditProposal> Propose(EditSpace space, int count, Random random)
    {
        var candidates = space.Tunables.SelectMany(Arms).ToList();
        return candidates
            .Select(c => (Candidate: c, Draw: Sample(c.Arm, random)))
            .OrderByDescending(x => x.Draw).ThenBy(x => x.Candidate.Arm, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Candidate)
            .ToList();
    }

    public void Learn(string arm, double reward)
    {
        if (!double.IsFinite(reward)) return;
        var (count, mean) = _arms.GetValueOrDefault(arm);
        _arms[arm] = (count + 1, mean + (reward - mean) / (count + 1));
    }

    public JsonObject SaveState() => new()
    {
        ["editor"] = Name,
        ["arms"] = new JsonObject(_arms.OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => KeyValuePair.Create(a.Key, (JsonNode?)new JsonObject { ["count"] = a.Value.Count, ["mean"] = a.Value.Mean }))),
    };

    public void LoadState(JsonObject state)
    {
        if (state["editor"]?.GetValue<string>() != Name || state["arms"] is not JsonObject arms)
            throw new FormatException($"not a {Name} editor state (it has no \"editor\": \"{Name}\" and \"arms\")");
        _arms.Clear();
        foreach (var (arm, value) in arms)
            _arms[arm] = (value!["count"]!.GetValue<int>(), value["mean"]!.GetValue<double>());
    }

    /// <summary>A draw from the arm's posterior: mean of its rewards, spread PriorSpread / sqrt(1 + outcomes).</summary>
    private double Sample(string arm, Random random)
    {
        var (count, mean) = _arms.GetValueOrDefault(arm);
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return mean + PriorSpread / Math.Sqrt(1 + count) * normal;
    }

    /// <summary>The edits of one tunable that change its value and stay in bounds.</summary>
    private static IEnumerable<EditProposal> Arms(EditSpace.Tunable tunable)
    {
        var bounds = tunable.Bounds;
        if (bounds.Values is { } allowed)
        {
            var current = tunable.Current?.ToJsonString() ?? "null";
            foreach (var value in allowed.Where(v => v != current))
                yield return Proposal(tunable.Pointer, JsonNode.Parse(value), $"{tunable.Pointer}={value}", $"set {tunable.Pointer} to {value} (was {current})");
            yield break;
        }
        if (tunable.Current is not JsonValue number || !double.TryParse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)) yield break;
        var whole = x == Math.Floor(x) && (bounds.Min is null || bounds.Min == Math.Floor(bounds.Min.Value));
        foreach (var (direction, moved) in new[] { ("up", Move(x, Step, bounds)), ("down", Move(x, 1 / Step, bounds)) })
        {
            var value = whole ? Math.Round(moved) : moved;
            if (value == x) continue;
            var node = whole ? JsonValue.Create((long)value) : JsonValue.Create(Math.Round(value, Math.Clamp(5 - (int)Math.Floor(Math.Log10(Math.Abs(value) + 1e-12)), 0, 15)));
            yield return Proposal(tunable.Pointer, node, $"{tunable.Pointer}:{direction}", $"move {tunable.Pointer} {direction} from {x.ToString(CultureInfo.InvariantCulture)} to {node!.ToJsonString()}");
        }
    }

    // Zero cannot be scaled: it moves to a tenth of the range instead.
    private static double Move(double x, double factor, Definitions.TunableBounds bounds)
    {
        var moved = x != 0 ? x * factor : (factor > 1 ? 1 : -1) * 0.1 * ((bounds.Max ?? 1) - (bounds.Min ?? 0));
        return Math.Clamp(moved, bounds.Min ?? double.MinValue, bounds.Max ?? double.MaxValue);
    }

    private static EditProposal Proposal(string pointer, JsonNode? value, string arm, string rationale) =>
        new([new JsonObject { ["op"] = "replace", ["path"] = pointer, ["value"] = value }], arm, rationale);
}
