using Orchestrator.Core.Tasks;

namespace Orchestrator.Plugins.Arithmetic.Reversal;

/// <summary>
/// <c>text/reverse-digits</c>: write a digit string backwards. A second, non-arithmetic task over the same
/// alphabet, to show the loop is not addition-specific.
/// </summary>
public sealed class DigitReversalTask : ITaskFamily
{
    public string Name => "text/reverse-digits";
    public string Description => "Reverse a string of digits of the given length.";
    public string Alphabet => "0123456789=";
    public int MinLength => 1;

    public TaskItem Generate(Random random, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinLength);
        var digits = new char[length];
        for (var i = 0; i < length; i++) digits[i] = (char)('0' + random.Next(10));
        var text = new string(digits);
        return new TaskItem(Name, text + "=", Digits.Reverse(text), length);
    }

    public CheckResult Check(TaskItem item, string attempt) => new(attempt.Trim() == item.Answer, item.Answer);
}
