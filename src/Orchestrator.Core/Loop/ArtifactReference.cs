namespace Orchestrator.Core.Loop;

/// <summary>Checks the shape of artifact hashes given as step inputs, so a wrong reference fails before any work.</summary>
public static class ArtifactReference
{
    public static bool IsHash(string? text) => text is not null && Artifacts.ArtifactHash.IsValid(text);

    public static string Expectation(string input) =>
        $"{input} must be an artifact hash 'sha256:<64 hex digits>', usually an expression such as \"${{steps.propose.output.attempts}}\"";
}
