using System.Text.RegularExpressions;

namespace Orchestrator.Core.Artifacts;

/// <summary>The form of artifact hashes, <c>sha256:</c> and 64 lower-case hex digits, and how to find them in text.</summary>
public static partial class ArtifactHash
{
    public const string Prefix = "sha256:";

    public static bool IsValid(string hash) => Pattern().IsMatch(hash) && hash.Length == Prefix.Length + 64;

    /// <summary>Every artifact hash mentioned in a text (e.g. a run's state as JSON).</summary>
    public static IEnumerable<string> FindIn(string text) => Mention().Matches(text).Select(m => m.Value);

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex Pattern();

    [GeneratedRegex("sha256:[0-9a-f]{64}")]
    private static partial Regex Mention();
}
