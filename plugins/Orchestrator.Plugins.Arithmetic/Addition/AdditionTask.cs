using Orchestrator.Core.Tasks;

namespace Orchestrator.Plugins.Arithmetic.Addition;

/// <summary>
/// <c>arithmetic/addition</c> in the reversed-digit format of the self-improving transformers setup: the prompt
/// is <c>reverse(a)+reverse(b)=</c> and the answer <c>reverse(a+b)</c>, zero-padded to max(|a|,|b|)+1 digits, so
/// the model writes the sum least significant digit first, the order in which carries happen. Length is the
/// number of digits of each operand.
/// </summary>
public sealed class AdditionTask : ITaskFamily, IAnswerFormat, IPromptVariants, IChatForm
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

    /// <summary>An answer is max(|a|,|b|)+1 digits: the zero-padded sum, whatever its value.</summary>
    public string? FormatProblem(string prompt, string answer)
    {
        if (Operands(prompt) is not var (a, b)) return $"\"{prompt}\" is not an addition prompt";
        var width = Math.Max(a.Length, b.Length) + 1;
        if (answer.Length != width) return $"{answer.Length} characters where the sum has {width} digits";
        return answer.All(char.IsAsciiDigit) ? null : "not all digits";
    }

    /// <summary>Addition commutes: b+a has the answer of a+b (none when the operands are equal).</summary>
    public IReadOnlyList<PromptVariant> Variants(string prompt) =>
        Operands(prompt) is var (a, b) && a != b ? [new PromptVariant("commuted", $"{b}+{a}=")] : [];

    public string Example => "12+34";

    /// <summary>A readable sum is the operands the usual way round, <c>a+b</c> or <c>a+b=</c>; spaces are allowed.</summary>
    public string? ReadPrompt(string text, out string? problem)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        if (compact.EndsWith('=')) compact = compact[..^1];
        var parts = compact.Split('+');
        if (parts.Length == 2 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
        {
            problem = null;
            return $"{Digits.Reverse(parts[0])}+{Digits.Reverse(parts[1])}=";
        }
        problem = $"\"{Shorten(text)}\" is not a sum this model reads: write two whole numbers joined by '+', e.g. {Example} (or {Example}=)";
        return null;
    }

    public string WritePrompt(string taskPrompt) =>
        Operands(taskPrompt) is var (a, b) ? $"{Digits.Reverse(a)}+{Digits.Reverse(b)}" : taskPrompt;

    /// <summary>The model writes the padded sum least significant digit first; a person reads it the other way, without the padding.</summary>
    public string WriteAnswer(string taskPrompt, string taskAnswer)
    {
        var sum = Digits.Reverse(taskAnswer.Trim());
        if (sum.Length == 0 || !sum.All(char.IsAsciiDigit)) return sum;
        var trimmed = sum.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    public string ReadAnswer(string taskPrompt, string text)
    {
        var sum = text.Trim();
        if (Operands(taskPrompt) is not var (a, b) || sum.Length == 0 || !sum.All(char.IsAsciiDigit)) return sum;
        return Digits.Reverse(sum.PadLeft(Math.Max(a.Length, b.Length) + 1, '0'));
    }

    public bool StreamsInOrder => false;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    // The two operands of a prompt as written (reversed), or null when it is not "digits+digits=".
    private static (string, string)? Operands(string prompt)
    {
        if (!prompt.EndsWith('=')) return null;
        var parts = prompt[..^1].Split('+');
        return parts.Length == 2 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)) ? (parts[0], parts[1]) : null;
    }

    /// <summary>The reversed, zero-padded sum for operands written the usual way round.</summary>
    public static string Answer(string a, string b) =>
        Digits.Reverse(Digits.Add(a, b).PadLeft(Math.Max(a.Length, b.Length) + 1, '0'));
}
