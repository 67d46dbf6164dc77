using Orchestrator.Core.Parsing;

namespace Orchestrator.Core.Validation;

/// <summary>Collects issues for one file, attaching the file name and line from the source map.</summary>
public sealed class IssueList(string file, SourceMap sourceMap)
{
    private readonly List<ValidationIssue> _issues = [];

    public string File => file;
    public IReadOnlyList<ValidationIssue> Items => _issues;
    public bool Any => _issues.Count > 0;

    public void Add(string path, string message, string? hint = null) =>
        _issues.Add(new ValidationIssue(file, sourceMap.Find(path), path, message, hint));

    public void AddRange(IEnumerable<ValidationIssue> issues) => _issues.AddRange(issues);
}
