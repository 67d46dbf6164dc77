using Orchestrator.Core.Tasks;

namespace Orchestrator.Plugins.Arithmetic.Reversal;

/// <summary>
/// <c>text/reverse-digits</c>: write a digit string backwards. A second, non-arithmetic task over the same
/// alphabet, to show the loop is not addition-specific.
/// </summary>
public sealed class DigitReversalTask : ITaskFamily, IChatForm
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

    public string Example => "1234";

    /// <summary>A readable problem is the digits to reverse, with or without the closing '='.</summary>
    public string? ReadPrompt(string text, out string? problem)
    {
        var digits = text.Trim();
        if (digits.EndsWith('=')) digits = digits[..^1];
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            problem = null;
            return digits + "=";
        }
        problem = $"\"{(text.Length <= 40 ? text : text[..40] + "...")}\" is not a digit string to reverse: write digits only, e.g. {Example}";
        return null;
    }

    public string WritePrompt(string taskPrompt) => taskPrompt.TrimEnd('=');
    public string WriteAnswer(string taskPrompt, string taskAnswer) => taskAnswer;
    public string ReadAnswer(string taskPrompt, string text) => text.Trim();
    public bool StreamsInOrder => true;
}
