using System.Diagnostics;

namespace Orchestrator.Cli.Tests.Support;

/// <summary>Asks a child <c>orchestrator</c> to stop, as Ctrl+C would.</summary>
public static class Interrupt
{
    /// <summary>
    /// Sends SIGINT, or SIGTERM when SIGINT is ignored in this process: a shell starts background jobs with SIGINT
    /// ignored, children inherit that, and .NET then leaves it ignored (a background job must not react to Ctrl+C).
    /// The command handles both signals the same way, so the test means the same either way.
    /// </summary>
    public static async Task SendAsync(Process process)
    {
        using var kill = Process.Start("kill", [SigIntIgnored() ? "-TERM" : "-INT", process.Id.ToString()])!;
        await kill.WaitForExitAsync();
    }

    // Bit 2 (SIGINT) of the SigIgn mask in /proc/self/status.
    private static bool SigIntIgnored() =>
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) is { } line
        && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
}
