using Orchestrator.Core.Tasks;
using Orchestrator.Learning.Loop;
using Orchestrator.Learning.Model;
using Orchestrator.Learning.Tokenization;

namespace Orchestrator.Learning.Activities.Pretrain;

/// <summary>
/// Grows the longest trained length one at a time, when the model answers the current longest well enough.
/// Without positional encoding a small model trained on 1-8 digits at once stalls at 2 (measured: 3,000 and
/// 4,000 steps, 3-digit exact match 0.10), and a fixed schedule (a length every 500 steps) stalls for some seeds
/// too; advancing on measured accuracy lets each length be learned from the ones before, the way the improvement
/// loop later extends it. The probe uses training-side items only.
/// </summary>
internal sealed class LengthCurriculum(ITaskFamily task, CharTokenizer tokenizer, int start, int maxLength, double advanceAt, int probeItems)
{
    public int Longest { get; private set; } = Math.Min(start, maxLength);

    public bool IsComplete => Longest >= maxLength;

    /// <summary>After a resume: the longest length the model had reached, found again by probing (nothing else needs saving).</summary>
    public void Restore(DecoderTransformer model)
    {
        while (!IsComplete && AccuracyAt(model, Longest) >= advanceAt) Longest++;
    }

    /// <summary>Moves to the next length when the current longest is learned; true when it moved.</summary>
    public bool TryAdvance(DecoderTransformer model, out double accuracy)
    {
        accuracy = AccuracyAt(model, Longest);
        if (IsComplete || accuracy < advanceAt) return false;
        Longest++;
        return true;
    }

    /// <summary>Greedy exact match at <paramref name="length"/> on a fixed probe of training-side items (<paramref name="items"/>, else the curriculum's count).</summary>
    public double AccuracyAt(DecoderTransformer model, int length, int? items = null)
    {
        // A fixed probe per length, so the decision to advance depends on the weights alone (and repeats on resume).
        var count = items ?? probeItems;
        var probe = TaskSampler.Training(task, length, count, new Random(length * 7919 + 17));
        var answers = ModelAnswers.Generate(model, tokenizer, probe.Select(i => i.Prompt).ToList(), 0, null, count);
        return probe.Where((item, i) => task.Check(item, answers[i]).Correct).Count() / (double)probe.Count;
    }
}
