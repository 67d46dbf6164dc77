using Orchestrator.Learning.Randomness;
using Orchestrator.Learning.Tokenization;

namespace Orchestrator.Learning.Training;

/// <summary>Random reversed-digit additions with both operand lengths drawn uniformly from a range (supervised data).</summary>
public sealed class AdditionExampleSource : IExampleSource
{
    private readonly CharTokenizer tokenizer;
    private readonly int minDigits;
    private readonly int maxDigits;

    /// <summary>Additions whose operands have <paramref name="minDigits"/> to <paramref name="maxDigits"/> digits each.</summary>
    public AdditionExampleSource(CharTokenizer tokenizer, int minDigits, int maxDigits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minDigits);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDigits, minDigits);
        (this.tokenizer, this.minDigits, this.maxDigits) = (tokenizer, minDigits, maxDigits);
    }

    /// <inheritdoc />
    public TrainingExample Next(SeededRandom random)
    {
        var a = ReversedAddition.RandomOperand(random, random.NextInt(minDigits, maxDigits));
        var b = ReversedAddition.RandomOperand(random, random.NextInt(minDigits, maxDigits));
        return Create(tokenizer, a, b);
    }

    /// <summary>The example for a + b.</summary>
    public static TrainingExample Create(CharTokenizer tokenizer, string a, string b) =>
        new(tokenizer.Encode(ReversedAddition.Prompt(a, b)), [.. tokenizer.Encode(ReversedAddition.Answer(a, b)), CharTokenizer.EndId]);
}
