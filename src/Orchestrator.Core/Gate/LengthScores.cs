namespace Orchestrator.Core.Gate;

/// <summary>
/// Paired outcomes of a candidate and a champion on the same protected items of one length. The champion's list is
/// empty when it was not scored at this length (its frontier was already known and the length is not a target).
/// </summary>
public sealed record LengthScores(int Length, IReadOnlyList<bool> Candidate, IReadOnlyList<bool> Champion)
{
    /// <summary>The candidate alone, for a length where only its non-regression matters.</summary>
    public static LengthScores CandidateOnly(int length, IReadOnlyList<bool> candidate) => new(length, candidate, []);

    public bool ChampionScored => Champion.Count > 0;
    public int Items => Candidate.Count;
    public int CandidateCorrect => Candidate.Count(c => c);
    public int ChampionCorrect => Champion.Count(c => c);
    public double CandidateAccuracy => Items == 0 ? 0 : CandidateCorrect / (double)Items;
    public double ChampionAccuracy => Items == 0 ? 0 : ChampionCorrect / (double)Items;
}
