namespace Orchestrator.Core.Gate;

/// <summary>Paired outcomes of a candidate and a champion on the same protected items of one length.</summary>
public sealed record LengthScores(int Length, IReadOnlyList<bool> Candidate, IReadOnlyList<bool> Champion)
{
    public int Items => Candidate.Count;
    public int CandidateCorrect => Candidate.Count(c => c);
    public int ChampionCorrect => Champion.Count(c => c);
    public double CandidateAccuracy => Items == 0 ? 0 : CandidateCorrect / (double)Items;
    public double ChampionAccuracy => Items == 0 ? 0 : ChampionCorrect / (double)Items;
}
