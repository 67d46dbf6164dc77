using Orchestrator.Core.Activities;
using Orchestrator.Core.Loop.Records;

namespace Orchestrator.Core.Loop.Dataset;

/// <summary>
/// <c>learning/dataset</c>, the "generate training data" step: the model's kept attempts become answers to
/// learn, mixed with replay of earlier data so old skills are rehearsed. Duplicates are dropped, the mix is
/// written into each item's sampling weight, and the result is stored as one hashed artifact.
/// </summary>
public sealed class DatasetActivity(LoopServices services)
    : Activity<DatasetOptions, DatasetOutput>("learning/dataset", "Mixes kept attempts with replay of earlier data into a hashed training dataset.", new DatasetOptionsValidator())
{
    protected override async ValueTask<ActivityOutcome> ExecuteAsync(DatasetOptions options, ActivityContext context, CancellationToken cancellationToken)
    {
        var kept = await JsonLinesArtifact.ReadAsync<AttemptRecord>(services.Artifacts, options.Kept, $"input 'kept' of step {context.StepKey}", cancellationToken);
        var previous = options.Previous.Length == 0 ? [] :
            await JsonLinesArtifact.ReadAsync<TrainingRecord>(services.Artifacts, options.Previous, $"input 'previous' of step {context.StepKey}", cancellationToken);

        var seen = new HashSet<(string, string, string)>();
        var fresh = kept.Where(a => seen.Add((a.Task, a.Prompt, a.Attempt)))
            .Select(a => new TrainingRecord(a.Task, a.Prompt, a.Attempt, a.Length, true, 0)).ToList();
        var duplicates = kept.Count - fresh.Count;
        var replay = previous.Where(r => seen.Add((r.Task, r.Prompt, r.Answer))).ToList();
        if (replay.Count > options.MaxReplay) replay = Subset(replay, options.MaxReplay, context.Random);

        var replayShare = fresh.Count == 0 ? (replay.Count == 0 ? 0 : 1) : replay.Count == 0 ? 0 : options.Replay;
        var records = fresh.Select(r => r with { Weight = (1 - replayShare) / fresh.Count })
            .Concat(ReplayWeights(replay, replayShare, options.Balance))
            .ToList();
        if (records.Count == 0) return Failed("empty-dataset", "nothing to train on: no attempts were kept and there is no earlier data to replay");

        var hash = await JsonLinesArtifact.WriteAsync(services.Artifacts, records, cancellationToken);
        context.Log($"dataset: {fresh.Count} fresh, {replay.Count} replay, replay share {replayShare:0.##}");
        return Done(new DatasetOutput { Dataset = hash, Fresh = fresh.Count, ReplayItems = replay.Count, ReplayShare = replayShare, Duplicates = duplicates });
    }

    /// <summary>
    /// Replay items weighted to share <paramref name="share"/> of draws: equally per item, or equally per length
    /// and then per item within a length. Length balance matters when one length has few distinct problems
    /// (there are only 100 one-digit sums): by item count it would be rehearsed ever more rarely as longer data
    /// accumulates, and a model can forget it while it learns longer ones.
    /// </summary>
    private static IEnumerable<TrainingRecord> ReplayWeights(List<TrainingRecord> replay, double share, string balance)
    {
        if (balance != "lengths") return replay.Select(r => r with { Fresh = false, Weight = share / replay.Count });
        var perLength = replay.CountBy(r => r.Length).ToDictionary();
        return replay.Select(r => r with { Fresh = false, Weight = share / perLength.Count / perLength[r.Length] });
    }

    /// <summary>A seeded random subset (partial Fisher–Yates), in the original order.</summary>
    private static List<TrainingRecord> Subset(List<TrainingRecord> items, int count, Random random)
    {
        var indices = Enumerable.Range(0, items.Count).ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        return indices.Take(count).Order().Select(i => items[i]).ToList();
    }
}
