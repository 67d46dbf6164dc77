namespace Orchestrator.Core.Expressions;

/// <summary>
/// A string that may hold <c>${...}</c> expressions. A string that is exactly one expression
/// evaluates to the expression's typed value (a number stays a number); any other mix of text and
/// expressions is string interpolation. Braces inside an expression are matched, and quoted strings
/// inside it are skipped, so <c>${ { total: state.total } }</c> works.
/// </summary>
public sealed class ExpressionTemplate
{
    private ExpressionTemplate(IReadOnlyList<TemplatePart> parts) => Parts = parts;

    public IReadOnlyList<TemplatePart> Parts { get; }

    public bool HasExpressions => Parts.Any(p => p.IsExpression);

    /// <summary>True when the whole text is one expression, so its value keeps its type.</summary>
    public bool IsSingleExpression => Parts is [{ IsExpression: true }];

    public IEnumerable<string> Expressions => Parts.Where(p => p.IsExpression).Select(p => p.Text);

    public static bool Contains(string text) => text.Contains("${", StringComparison.Ordinal);

    /// <summary>Splits the text into literal and expression parts; throws <see cref="ExpressionException"/> on an unclosed <c>${</c>.</summary>
    public static ExpressionTemplate Parse(string text)
    {
        var parts = new List<TemplatePart>();
        var literalStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                if (i > literalStart) parts.Add(new TemplatePart(text[literalStart..i], false));
                var end = FindClosingBrace(text, i + 2);
                if (end < 0) throw new ExpressionException(text, "the expression starting with '${' is never closed; add the matching '}'");
                var expression = text[(i + 2)..end].Trim();
                if (expression.Length == 0) throw new ExpressionException(text, "the expression '${}' is empty");
                parts.Add(new TemplatePart(expression, true));
                i = literalStart = end + 1;
                continue;
            }
            i++;
        }
        if (literalStart < text.Length) parts.Add(new TemplatePart(text[literalStart..], false));
        return new ExpressionTemplate(parts);
    }

    private static int FindClosingBrace(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'' or '`')
            {
                i = SkipString(text, i, c);
                if (i < 0) return -1;
            }
            else if (c == '{') depth++;
            else if (c == '}')
            {
                if (depth == 0) return i;
                depth--;
            }
        }
        return -1;
    }

    private static int SkipString(string text, int start, char quote)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\') i++;
            else if (text[i] == quote) return i;
        }
        return -1;
    }
}

/// <summary>A literal run of text, or the source of one expression (without <c>${</c> and <c>}</c>).</summary>
public sealed record TemplatePart(string Text, bool IsExpression);
