using Orchestrator.Core.Artifacts;

namespace Orchestrator.Storage;

/// <summary>Checks of the values callers hand to a store, shared by every backend so they refuse alike.</summary>
internal static class StoreArguments
{
    public static string Text(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} must not be empty", name) : value;

    public static string Hash(string? value, string name) =>
        value is not null && ArtifactHash.IsValid(value)
            ? value
            : throw new ArgumentException($"'{value}' is not an artifact hash: expected {ArtifactHash.Prefix} followed by 64 lower-case hex digits", name);
}
