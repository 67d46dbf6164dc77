using System.Diagnostics;

namespace Orchestrator.Core.Engine;

/// <summary>
/// Who executes a run: <c>host:pid:nonce</c>. The host and process id let a process on the same machine see
/// that a holder has died (a killed process resumed at once need not wait for its lease to expire); the
/// nonce keeps two engines in one process apart.
/// </summary>
public static class RunOwner
{
    public static string Create() => $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>True when the owner runs (or ran) on this machine, where whether it lives can be seen.</summary>
    public static bool IsOnThisMachine(string owner) => owner.Split(':') is [var host, _, _] && host == Environment.MachineName;

    /// <summary>True only when the owner ran on this machine and its process is gone; anything uncertain is "alive".</summary>
    public static bool IsDeadOnThisMachine(string owner)
    {
        var parts = owner.Split(':');
        if (parts.Length != 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], out var pid)) return false;
        if (pid == Environment.ProcessId) return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
