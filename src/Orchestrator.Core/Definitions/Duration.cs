using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Core.Definitions;

/// <summary>Durations as written in definitions: <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>, or a bare number of seconds.</summary>
public static partial class Duration
{
    public const string Hint = "write a duration such as 250ms, 30s, 5m or 2h";

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (text is null) return false;
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)) return false;
        value = match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "" or "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
        return value >= TimeSpan.Zero;
    }

    public static string Format(TimeSpan value) =>
        value.TotalMilliseconds < 1000 ? $"{value.TotalMilliseconds:0}ms"
        : value.TotalSeconds < 120 ? $"{value.TotalSeconds:0.##}s"
        : value.TotalMinutes < 120 ? $"{value.TotalMinutes:0.##}m"
        : $"{value.TotalHours:0.##}h";

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m|h|d|)$")]
    private static partial Regex Pattern();
}
