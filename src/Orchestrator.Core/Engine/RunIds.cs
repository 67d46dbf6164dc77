namespace Orchestrator.Core.Engine;

/// <summary>Run ids that sort by creation time and are short enough to type: <c>20261123-221530-4f9a2c</c>.</summary>
public static class RunIds
{
    public static string New(DateTimeOffset now) =>
        $"{now.UtcDateTime:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6]}";
}
