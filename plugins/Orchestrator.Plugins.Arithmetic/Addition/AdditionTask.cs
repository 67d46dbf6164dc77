using Orchestrator.Core.Tasks;

namespace Orchestrator.Plugins.Arithmetic.Addition;

/// <summary>
/// <c>arithmetic/addition</c> in the reversed-digit format of the self-improving transformers setup: the prompt
/// is <c>reverse(a)+reverse(b)=</c> and the answer <c>reverse(a+b)</c>, zero-padded to max(|a|,|b|)+1 digits, so
/// the model writes the sum least significant digit first, the order in which carries happen. Length is the
/// number of digits of each operand.
/// </summary>
public sealed class AdditionTask : ITaskFamily
{
    public string Name => "arithmetic/addition";
    public string Description => "Reversed-digit addition of two numbers of the given length.";
    public string Alphabet => "0123456789+=";
    public int MinLength => 1;

    public TaskItem Generate(Random random, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinLength);
        var a = Digits.Number(random, length);
        var b = Digits.Number(random, length);
        return new TaskItem(Name, $"{Digits.Reverse(a)}+{Digits.Reverse(b)}=", Answer(a, b), length);
    }

    public CheckResult Check(TaskItem item, string attempt) => new(attempt.Trim() == item.Answer, item.Answer);

    /// <summary>The reversed, zero-padded sum for operands written the usual way round.</summary>
    public static string Answer(string a, string b) =>
        Digits.Reverse(Digits.Add(a, b).PadLeft(Math.Max(a.Length, b.Length) + 1, '0'));
}
