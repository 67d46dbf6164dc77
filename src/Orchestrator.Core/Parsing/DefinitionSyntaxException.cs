namespace Orchestrator.Core.Parsing;

/// <summary>The file is not well-formed YAML or JSON; carries the file and position.</summary>
public sealed class DefinitionSyntaxException(string file, SourceLocation? location, string message)
    : Exception($"{file}{(location is { } l ? $":{l.Line}:{l.Column}" : "")}: {message}")
{
    public string File { get; } = file;
    public SourceLocation? Location { get; } = location;
    public string Reason { get; } = message;
}
