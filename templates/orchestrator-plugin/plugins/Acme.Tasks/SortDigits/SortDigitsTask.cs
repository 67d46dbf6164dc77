using Orchestrator.Core.Tasks;

namespace Acme.Tasks.SortDigits;

/// <summary>
/// <c>acme-tasks/sort-digits</c>: write a string of digits in ascending order, e.g. <c>3141=</c> gives <c>1134</c>.
/// A task is a generator and an exact checker. After round 0 the checker is the only ground truth an improvement
/// loop has, so it must accept the right answer and nothing else, and be cheap: it runs on every attempt.
/// </summary>
public sealed class SortDigitsTask : ITaskFamily
{
    public const string TaskName = "acme-tasks/sort-digits";

    public string Name => TaskName;
    public string Description => "Sort a string of digits of the given length in ascending order.";

    /// <summary>Every character of a prompt or an answer: a tokenizer made for this task knows no others.</summary>
    public string Alphabet => "0123456789=";

    public int MinLength => 1;

    /// <summary>An item of <paramref name="length"/> digits; the same <paramref name="random"/> state gives the same item.</summary>
    public TaskItem Generate(Random random, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinLength);
        var digits = new char[length];
        for (var i = 0; i < length; i++) digits[i] = (char)('0' + random.Next(10));
        var prompt = new string(digits) + "=";
        Array.Sort(digits);
        return new TaskItem(Name, prompt, new string(digits), length);
    }

    // Whitespace around an attempt (a sampler's trailing newline) is not part of the answer; every other character is.
    public CheckResult Check(TaskItem item, string attempt) =>
        new(string.Equals(attempt.Trim(), item.Answer, StringComparison.Ordinal), item.Answer);
}
