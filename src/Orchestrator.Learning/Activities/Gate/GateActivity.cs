using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json.Nodes;
using Orchestrator.Core.Activities;
using Orchestrator.Core.Artifacts;
using Orchestrator.Core.Gate;
using Orchestrator.Core.Json;
using Orchestrator.Core.Loop.Records;
using Orchestrator.Core.Tasks;
using Orchestrator.Learning.Checkpoints;
using Orchestrator.Learning.Loop;

namespace Orchestrator.Learning.Activities.Gate;

/// <summary>
/// <c>gate/heldout</c>: the protected decision "is the candidate better than the champion?". The candidate answers
/// fresh items from the protected part of the task (which no training set can contain) at every length from the
/// shortest up to the targets and a little beyond; the champion answers the same items, at every length too, or only
/// at the targets when its frontier is given (<see cref="GateOptions.ChampionFrontier"/>); <see cref="GateRule"/> decides. A winner is re-checked on a
/// second fresh set, and every decision spends alpha from the run's budget, kept in state as
/// <c>gateAlphaSpent</c>, so many rounds cannot buy a lucky pass.
/// </summary>
public sealed class GateActivity(LearningServices services)
    : Activity<GateOptions, GateOutput>("gate/heldout", "Paired comparison of candidate vs champion on fresh protected items: McNemar, non-regression, alpha budget.", new GateOptionsValidator(services.Loop))
{
    /// <summary>The state key holding the alpha this run's gate decisions have spent.</summary>
    public const string AlphaSpentKey = "gateAlphaSpent";

    protected override async ValueTask<ActivityOutcome> ExecuteAsync(GateOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var task = services.Loop.Task(options.Task);
        var (candidate, candidateProblem) = await ModelVersions.TryLoadAsync(services, options.Candidate, cancellationToken);
        if (candidate is null) return Failed("model-unavailable", $"candidate: {candidateProblem}");
        using (candidate)
        {
            var (champion, championProblem) = await ModelVersions.TryLoadAsync(services, options.Champion, cancellationToken);
            if (champion is null) return Failed("model-unavailable", $"champion: {championProblem}");
            using (champion)
                return Decide(options, context, task, candidate, champion, cancellationToken);
        }
    }

    private ActivityOutcome Decide(GateOptions options, ActivityContext context, ITaskFamily task, LoadedModel candidate, LoadedModel champion, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var meter = new ComputeMeter();
        var criteria = new GateCriteria(options.Alpha, options.MaxRegression, options.Mastery, options.Confidence, GateLooks.Split(options.Items, options.Looks));
        var seed = context.Random.NextInt64();
        var recheckSeed = context.Random.NextInt64();
        var setHashes = new List<string>();
        var scoring = new LookScoring(task, options, criteria, candidate, champion, setHashes, meter);

        var lastTarget = options.Targets.Max();
        var upToTargets = Enumerable.Range(task.MinLength, Math.Max(0, lastTarget - task.MinLength + 1)).ToList();
        var scores = scoring.Score(upToTargets, options.Targets, seed, options.ChampionFrontier, (look, looks, open) =>
            context.Progress(new StepProgress("gate", look, looks) { Detail = $"look {look} of {looks}: {open} of {upToTargets.Count} lengths still open" }));
        for (var length = lastTarget + 1; length <= lastTarget + options.ScanBeyond; length++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Past the targets, probe only while the candidate keeps mastering every length so far.
            if (GateRule.Frontier(scores.Select(s => (s.Length, s.CandidateCorrect, s.Items)), criteria) != length - 1) break;
            scores.AddRange(scoring.Score([length], [], seed, options.ChampionFrontier));
            context.Progress(new StepProgress("gate", length, lastTarget + options.ScanBeyond) { Detail = $"length {length}: candidate {scores[^1].CandidateAccuracy:0.000}" });
        }

        var verdict = GateRule.Decide(scores, options.Targets, criteria, options.ChampionFrontier);
        var spent = context.State[AlphaSpentKey] is JsonValue v && v.TryGetValue<double>(out var s) ? s : 0;
        // A version compared with itself is a measurement (e.g. the base model's frontier), not a decision: it spends no alpha.
        var measuring = candidate.Version.Reference == champion.Version.Reference;
        var affordable = !measuring && spent + options.Alpha <= options.AlphaBudget + 1e-12;
        double? recheckP = null;
        var passed = verdict.Passed && affordable;
        var outcome = measuring ? "measurement" : !affordable ? "budget-spent" : verdict.Passed ? "passed" : verdict.Regressions.Count > 0 ? "regressed" : "not-better";
        var reason = measuring ? $"measurement: {candidate.Version.Reference} compared with itself, frontier {verdict.CandidateFrontier}"
            : affordable ? verdict.Reason
            : $"alpha budget exhausted: {spent:0.###} spent of {options.AlphaBudget}; no further promotions in this run ({verdict.Reason})";
        if (passed && options.Recheck)
        {
            var fresh = scoring.Score(options.Targets.Distinct().Order().ToList(), options.Targets, recheckSeed, options.ChampionFrontier);
            var recheck = GateRule.Decide(fresh, options.Targets, criteria, options.ChampionFrontier);
            recheckP = recheck.PValue;
            var level = criteria.AlphaAt(fresh.Max(s => s.Items));
            if (recheck.PValue > level)
            {
                passed = false;
                outcome = "recheck-failed";
                reason = $"passed ({verdict.Reason}) but the re-check on fresh items did not confirm it: p = {recheck.PValue:G3} > {level:G3}";
            }
        }

        var spentNow = affordable ? spent + options.Alpha : spent;
        context.Log($"{(passed ? "PASS" : "no")}: {reason}");
        var output = new GateOutput
        {
            Passed = passed,
            Reason = reason,
            Outcome = outcome,
            PValue = verdict.PValue,
            RecheckPValue = recheckP,
            CandidateOnlyRight = verdict.CandidateOnlyRight,
            ChampionOnlyRight = verdict.ChampionOnlyRight,
            CandidateFrontier = verdict.CandidateFrontier,
            ChampionFrontier = verdict.ChampionFrontier,
            Frontier = passed ? verdict.CandidateFrontier : verdict.ChampionFrontier,
            CandidateByLength = ByLength(scores, s => s.CandidateAccuracy),
            ChampionByLength = ByLength(scores.Where(s => s.ChampionScored), s => s.ChampionAccuracy),
            Regressions = verdict.Regressions,
            Candidate = candidate.Version.Reference,
            Champion = champion.Version.Reference,
            ChampionVersion = champion.Version.Version,
            Alpha = options.Alpha,
            AlphaSpent = spentNow,
            DataHash = CanonicalJson.Hash(new JsonArray(setHashes.Select(h => (JsonNode)JsonValue.Create(h)!).ToArray())),
            Items = options.Items,
            CandidateItemsByLength = new(scores.ToDictionary(s => s.Length.ToString("D3"), s => s.Items), StringComparer.Ordinal),
            Answers = scoring.Answers,
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            Gflop = meter.Gflop,
            CpuSeconds = meter.CpuSeconds,
        };
        return Done(output, new JsonObject { [AlphaSpentKey] = spentNow });
    }

    private static SortedDictionary<string, double> ByLength(IEnumerable<LengthScores> scores, Func<LengthScores, double> accuracy) =>
        new(scores.ToDictionary(s => s.Length.ToString("D3"), s => Math.Round(accuracy(s), 4)), StringComparer.Ordinal);
}
