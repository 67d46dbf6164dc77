namespace Orchestrator.Core.Aliases;

/// <summary>An alias moved by someone else between reading it and moving it; nothing was changed.</summary>
public sealed class AliasConflictException(string subject, string alias, int? expected, int? actual)
    : Exception($"the alias '{alias}' of '{subject}' points at {Describe(actual)}, not {Describe(expected)} as expected; someone moved it meanwhile. Read it again and retry.")
{
    public int? Expected { get; } = expected;
    public int? Actual { get; } = actual;

    private static string Describe(int? version) => version is null or 0 ? "nothing" : $"version {version}";
}
