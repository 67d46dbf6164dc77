namespace Orchestrator.Plugins.Arithmetic;

/// <summary>Random decimal numbers of an exact length, as digit strings (lengths far beyond 64-bit integers).</summary>
internal static class Digits
{
    /// <summary><paramref name="length"/> digits, no leading zero unless the number is a single digit.</summary>
    public static string Number(Random random, int length)
    {
        var digits = new char[length];
        for (var i = 0; i < length; i++) digits[i] = (char)('0' + random.Next(i == 0 && length > 1 ? 1 : 0, 10));
        return new string(digits);
    }

    public static string Reverse(string text)
    {
        var chars = text.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    /// <summary>The sum of two non-negative decimal strings, schoolbook style.</summary>
    public static string Add(string a, string b)
    {
        var result = new char[Math.Max(a.Length, b.Length) + 1];
        var carry = 0;
        for (var i = 0; i < result.Length; i++)
        {
            var sum = carry + Digit(a, i) + Digit(b, i);
            result[result.Length - 1 - i] = (char)('0' + sum % 10);
            carry = sum / 10;
        }
        var text = new string(result).TrimStart('0');
        return text.Length == 0 ? "0" : text;
    }

    // The i-th digit from the right, or 0 beyond the number.
    private static int Digit(string number, int i) => i < number.Length ? number[number.Length - 1 - i] - '0' : 0;
}
