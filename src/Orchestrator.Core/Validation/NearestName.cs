namespace Orchestrator.Core.Validation;

/// <summary>Suggests the closest known name for a misspelt one (edit distance), for "did you mean" hints.</summary>
public static class NearestName
{
    public static string? Find(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        // Beyond about half the name's length a suggestion is noise, not help.
        return best is not null && bestDistance <= Math.Max(2, name.Length / 2) ? best : null;
    }

    public static string Hint(string name, IEnumerable<string> candidates, string fallback)
    {
        var nearest = Find(name, candidates);
        return nearest is null ? fallback : $"did you mean '{nearest}'?";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
