using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.Validation;

/// <summary>
/// One problem with a definition: the file, the line where known, the JSON pointer it concerns,
/// what is wrong and what to do about it.
/// </summary>
public sealed record ValidationIssue(string File, SourceLocation? Location, string Path, string Message, string? Hint)
{
    public override string ToString()
    {
        var where = Location is { } l ? $"{File}:{l.Line}:{l.Column}" : File;
        var path = Path.Length == 0 ? "/" : Path;
        return Hint is null ? $"{where}: {path}: {Message}" : $"{where}: {path}: {Message} ({Hint})";
    }
}
