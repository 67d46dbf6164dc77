namespace Orchestrator.Core.Parsing;

/// <summary>The file is not well-formed YAML or JSON, or is not there at all; carries the file and position.</summary>
public sealed class DefinitionSyntaxException(string file, SourceLocation? location, string message, bool fileMissing = false)
    : Exception($"{file}{(location is { } l ? $":{l.Line}:{l.Column}" : "")}: {message}")
{
    public string File { get; } = file;
    public SourceLocation? Location { get; } = location;
    public string Reason { get; } = message;

    /// <summary>True when there is no such file: nothing was parsed, so a hint about syntax would send the reader the wrong way.</summary>
    public bool FileMissing { get; } = fileMissing;

    /// <summary>The hint to report with this error: <paramref name="syntaxHint"/> for a syntax error, none for a missing file.</summary>
    public string? Hint(string syntaxHint) => FileMissing ? null : syntaxHint;
}
