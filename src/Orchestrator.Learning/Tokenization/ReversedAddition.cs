using System.Numerics;

namespace Orchestrator.Learning.Tokenization;

/// <summary>
/// The reversed-digit addition format of Lee et al. (2025): <c>reverse(a)+reverse(b)=</c> followed by
/// <c>reverse(a+b)</c> padded to max(|a|,|b|)+1 digits. Least significant digit first means each answer digit
/// depends only on digits already seen, so a causal model can add in one left-to-right pass.
/// </summary>
public static class ReversedAddition
{
    /// <summary>The prompt for a + b, with operands written most significant digit first.</summary>
    public static string Prompt(string a, string b) => $"{Reverse(CheckDigits(a))}+{Reverse(CheckDigits(b))}=";

    /// <summary>The expected answer for a + b: the sum padded with leading zeros to max(|a|,|b|)+1 digits, reversed.</summary>
    public static string Answer(string a, string b)
    {
        var sum = BigInteger.Parse(CheckDigits(a)) + BigInteger.Parse(CheckDigits(b));
        var width = Math.Max(a.Length, b.Length) + 1;
        return Reverse(sum.ToString().PadLeft(width, '0'));
    }

    /// <summary>A random operand of exactly <paramref name="digits"/> digits (no leading zero unless it is one digit).</summary>
    public static string RandomOperand(Randomness.SeededRandom random, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(digits);
        var chars = new char[digits];
        chars[0] = (char)('0' + (digits == 1 ? random.NextInt(10) : random.NextInt(1, 9)));
        for (var i = 1; i < digits; i++)
        {
            chars[i] = (char)('0' + random.NextInt(10));
        }

        return new string(chars);
    }

    private static string Reverse(string text)
    {
        var chars = text.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    private static string CheckDigits(string operand)
    {
        if (operand.Length == 0 || !operand.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"An operand is one or more decimal digits, not \"{operand}\".", nameof(operand));
        }

        return operand;
    }
}
