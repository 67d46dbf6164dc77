using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Cli.Output;

/// <summary>
/// Numbers as a person reads them in tables and shown JSON: whole numbers exactly; others to
/// <see cref="SignificantDigits"/> significant digits, so float noise goes (19.799999999999997 is 19.8,
/// 0.030000000000000002 is 0.03); small ones in exponent form, so a p-value of 3.3e-5 keeps its digits
/// instead of rounding to 0. Only for display: <c>--json</c> prints every digit.
/// </summary>
public static class DisplayNumbers
{
    public const int SignificantDigits = 4;

    // Below this, fixed decimals would show mostly zeros; above the upper one, a double no longer holds every whole number.
    private const double SmallestFixed = 1e-3;
    private const double LargestFixed = 1e15;

    public static string Format(double value)
    {
        if (value == 0) return "0";
        var magnitude = Math.Abs(value);
        if (magnitude < SmallestFixed || magnitude >= LargestFixed)
            return value.ToString("0." + new string('#', SignificantDigits - 1) + "e0", CultureInfo.InvariantCulture);
        if (value == Math.Floor(value)) return value.ToString("0", CultureInfo.InvariantCulture);
        // Digits before the point are never rounded away: 12345.678 reads 12346, not 1.235e4.
        var wholeDigits = (int)Math.Floor(Math.Log10(magnitude)) + 1;
        var decimals = Math.Max(0, SignificantDigits - wholeDigits);
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded.ToString(decimals == 0 ? "0" : "0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A JSON number for display. A number written without a fraction or exponent is returned as written, so
    /// integers stay exact even beyond what a double holds.
    /// </summary>
    public static string Format(JsonValue value)
    {
        var text = value.ToJsonString();
        if (value.GetValueKind() != JsonValueKind.Number || text.AsSpan().IndexOfAny('.', 'e', 'E') < 0) return text;
        return Format(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
