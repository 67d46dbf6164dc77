namespace Orchestrator.Core.Expressions;

/// <summary>An expression could not be parsed or evaluated, or broke a sandbox limit.</summary>
public sealed class ExpressionException(string expression, string reason, Exception? inner = null)
    : Exception($"expression '{Shorten(expression)}': {reason}", inner)
{
    public string Expression { get; } = expression;
    public string Reason { get; } = reason;

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
