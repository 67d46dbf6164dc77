using Orchestrator.Core.Validation;

namespace Orchestrator.Cli.Output;

/// <summary>Prints validation issues one per line, compiler style: <c>file:line:col: /path: message (hint)</c>.</summary>
public static class IssuePrinter
{
    public static void Print(IEnumerable<ValidationIssue> issues)
    {
        foreach (var issue in issues) Console.Error.WriteLine($"error: {issue}");
    }
}
