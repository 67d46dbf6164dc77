using Orchestrator.Core.Gate;
using Orchestrator.Core.Statistics;
using Orchestrator.Core.Tasks;
using Orchestrator.Learning.Loop;

namespace Orchestrator.Learning.Activities.Gate;

/// <summary>
/// Scores a gate's lengths look by look (<see cref="GateLooks"/>). Each look answers the next group of items of every
/// length still open, all lengths in one decoding pass, and a length closes as soon as what the gate needs of it is
/// settled: the candidate's mastery (and the champion's, where it is measured here), and on the targets the paired
/// test. Items are always a prefix of the length's protected set of <see cref="GateOptions.Items"/>, so a gate that
/// runs every look scores exactly the items a single look would.
/// </summary>
internal sealed class LookScoring(ITaskFamily task, GateOptions options, GateCriteria criteria, LoadedModel candidate, LoadedModel champion, List<string> setHashes, ComputeMeter meter)
{
    private readonly GateLooks looks = criteria.Looks ?? GateLooks.Single(options.Items);
    private bool SameVersion => candidate.Version.Reference == champion.Version.Reference;

    /// <summary>Answers generated so far, by either model.</summary>
    public int Answers { get; private set; }

    /// <summary>Scores lengths on fresh protected sets, look by look.</summary>
    /// <param name="lengths">The lengths to score.</param>
    /// <param name="targets">The lengths of the paired test (those among <paramref name="lengths"/>).</param>
    /// <param name="seed">Draws the protected sets.</param>
    /// <param name="championFrontier">The champion's known frontier (its scores are then needed only on targets), or null to measure it.</param>
    /// <param name="progress">Called after each look with (look, looks, lengths still open).</param>
    public List<LengthScores> Score(IReadOnlyList<int> lengths, IReadOnlyCollection<int> targets, long seed, int? championFrontier, Action<int, int, int>? progress = null)
    {
        var open = lengths.Select(length => new OpenLength(TaskSampler.Protected(task, length, options.Items, seed), targets.Contains(length),
            NeedsChampion: !SameVersion && (championFrontier is null || targets.Contains(length)))).ToList();
        setHashes.AddRange(open.Select(o => o.Set.Hash));
        for (var look = 0; look < looks.Count && open.Any(o => !o.Closed); look++)
        {
            var items = looks.Items[look];
            var active = open.Where(o => !o.Closed).ToList();
            Answer(candidate, active, items, o => o.Candidate);
            Answer(champion, active.Where(o => o.NeedsChampion).ToList(), items, o => o.Champion);
            if (look == looks.Count - 1) break;
            Close(active, championFrontier, items);
            progress?.Invoke(look + 1, looks.Count, open.Count(o => !o.Closed));
        }

        return open.Select(o => new LengthScores(o.Set.Length, o.Candidate, SameVersion ? o.Candidate : o.Champion)).ToList();
    }

    /// <summary>Answers items up to <paramref name="items"/> of every given length with one model, in one call.</summary>
    private void Answer(LoadedModel model, List<OpenLength> lengths, int items, Func<OpenLength, List<bool>> outcomes)
    {
        var posed = lengths.SelectMany(o => o.Set.Items.Skip(outcomes(o).Count).Take(items - outcomes(o).Count).Select(item => (Open: o, Item: item))).ToList();
        var prompts = posed.Select(p => p.Item.Prompt).ToList();
        var answers = ModelAnswers.Generate(model, prompts, 0, null, options.Batch);
        Answers += answers.Length;
        meter.AddGeneration(model, prompts, answers);
        for (var i = 0; i < posed.Count; i++) outcomes(posed[i].Open).Add(task.Check(posed[i].Item, answers[i]).Correct);
    }

    /// <summary>
    /// Closes the lengths whose every question is settled after a look at <paramref name="items"/> items. The targets
    /// move together, so the paired test always pools the same number of items from each.
    /// </summary>
    private void Close(List<OpenLength> active, int? championFrontier, int items)
    {
        // A regression refuses the candidate whatever else is seen; only the targets' paired test still matters then.
        // (Known only with the champion's frontier given; measured here, it is not settled until the champion's is.)
        var regressed = championFrontier is { } frontier && active.Any(o => o.Set.Length <= frontier && GateRule.CannotKeep(o.Errors, criteria, looks.Total));
        var targets = active.Where(o => o.Target).ToList();
        var targetsDone = targets.Count == 0 || TargetsSettled(targets, items) && (regressed || targets.All(o => Settled(o, championFrontier, items)));
        foreach (var o in active)
            o.Closed = o.Target ? targetsDone : regressed || Settled(o, championFrontier, items);
    }

    private bool Settled(OpenLength o, int? championFrontier, int items) =>
        MasterySettled(o.Candidate, items) && (!o.NeedsChampion || championFrontier is not null || MasterySettled(o.Champion, items));

    private bool MasterySettled(List<bool> outcomes, int items) =>
        GateRule.IsMastered(outcomes.Count(c => c), items, criteria) || GateRule.CannotBeMastered(outcomes.Count(c => !c), criteria, looks.Total);

    /// <summary>
    /// The paired test on the targets is settled once it passes at this look's level, or (a rule that can only lower
    /// the chance of passing, so it costs no alpha) once the candidate is no better than the champion on them so far.
    /// </summary>
    private bool TargetsSettled(List<OpenLength> targets, int items)
    {
        var (better, worse) = (0, 0);
        foreach (var o in targets)
        {
            var (b, c) = McNemarTest.Discordant(o.Candidate, SameVersion ? o.Candidate : o.Champion);
            (better, worse) = (better + b, worse + c);
        }
        return better <= worse || McNemarTest.OneSidedPValue(better, worse) <= criteria.AlphaAt(items);
    }

    private sealed record OpenLength(ProtectedSet Set, bool Target, bool NeedsChampion)
    {
        public List<bool> Candidate { get; } = [];
        public List<bool> Champion { get; } = [];
        public bool Closed { get; set; }
        public int Errors => Candidate.Count(c => !c);
    }
}
