using System.Text;

namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>What a campaign did: its kills by where they landed, its launches and the ways back in.</summary>
public sealed class CampaignTally
{
    private readonly SortedDictionary<string, int> _landings = new(StringComparer.Ordinal);

    public int Kills { get; private set; }
    public int Launches { get; set; }
    public int Resumes { get; set; }
    public int Restarts { get; set; }
    public int Trials { get; set; }

    public void Killed(string landing)
    {
        Kills++;
        _landings[landing] = _landings.GetValueOrDefault(landing) + 1;
    }

    public int LandedIn(string prefix) => _landings.Where(l => l.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(l => l.Value);

    public string Summary(int seed, string result)
    {
        var text = new StringBuilder();
        text.AppendLine($"crash campaign on self-improve-addition (seed {seed}): {Kills} SIGKILLs over {Trials} runs, {Launches} launches, {Resumes} resumes, {Restarts} restarts of the same run id");
        text.AppendLine("kills by where they landed (read from the store after each kill):");
        foreach (var (landing, count) in _landings) text.AppendLine($"  {count,4}  {landing}");
        text.AppendLine($"result: {result}");
        return text.ToString();
    }
}
