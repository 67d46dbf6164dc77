namespace Orchestrator.Core.Tests.Fuzzing;

/// <summary>
/// How many cases each fuzz property runs, and from which seed. The seed is fixed so a failure in CI reproduces on
/// any machine; <c>ORCHESTRATOR_FUZZ_CASES</c> and <c>ORCHESTRATOR_FUZZ_SEED</c> run a longer or different campaign
/// (tests/reliability/fuzz.sh). CsCheck prints the seed of a failing case, which reproduces it alone.
/// </summary>
internal static class FuzzSettings
{
    public static long Cases => long.TryParse(Environment.GetEnvironmentVariable("ORCHESTRATOR_FUZZ_CASES"), out var n) && n > 0 ? n : 10_000;

    public static string? Seed => Environment.GetEnvironmentVariable("ORCHESTRATOR_FUZZ_SEED") is { Length: > 0 } s ? s : "0N0XIzNsQ0O2";
}
