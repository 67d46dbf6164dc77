using Orchestrator.Learning.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Orchestrator.Learning.Training;

/// <summary>Examples stacked into model inputs and next-token targets, right-padded to the longest example.</summary>
/// <remarks>
/// Targets are -100 (cross-entropy's ignore index) on prompt positions and padding, so the loss counts only
/// answer tokens. Padding sits at the right, where the causal mask already keeps real positions from seeing it.
/// </remarks>
public sealed class TrainingBatch : IDisposable
{
    /// <summary>Targets with this value add nothing to the loss.</summary>
    public const long IgnoredTarget = -100;

    private TrainingBatch(Tensor inputs, Tensor targets, long tokens)
    {
        (Inputs, Targets, Tokens) = (inputs, targets, tokens);
    }

    /// <summary>Token ids [batch, time].</summary>
    public Tensor Inputs { get; }

    /// <summary>Next-token ids [batch, time], or <see cref="IgnoredTarget"/>.</summary>
    public Tensor Targets { get; }

    /// <summary>Real (non-padding) input tokens: what throughput counts.</summary>
    public long Tokens { get; }

    /// <summary>Stacks <paramref name="examples"/> on <paramref name="device"/>.</summary>
    public static TrainingBatch Create(IReadOnlyList<TrainingExample> examples, Device device)
    {
        var time = examples.Max(example => example.Length) - 1;
        var inputs = new long[examples.Count * time];
        var targets = new long[examples.Count * time];
        Array.Fill(inputs, CharTokenizer.PadId);
        Array.Fill(targets, IgnoredTarget);
        long tokens = 0;
        for (var row = 0; row < examples.Count; row++)
        {
            var example = examples[row];
            int[] sequence = [.. example.Prompt, .. example.Answer];
            for (var position = 0; position < sequence.Length - 1; position++)
            {
                inputs[(row * time) + position] = sequence[position];

                // Position p predicts token p+1; only answer tokens are learned.
                if (position + 1 >= example.Prompt.Length)
                {
                    targets[(row * time) + position] = sequence[position + 1];
                }
            }

            tokens += sequence.Length - 1;
        }

        return new TrainingBatch(
            torch.tensor(inputs, [examples.Count, time], device: device),
            torch.tensor(targets, [examples.Count, time], device: device),
            tokens);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }
}
