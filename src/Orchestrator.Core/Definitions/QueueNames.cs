namespace Orchestrator.Core.Definitions;

/// <summary>
/// What a worker queue may be called: lowercase letters, digits, '_' and '-', at most 50 characters, the rule
/// Hangfire enforces, checked here so a workflow file fails validation rather than a worker at dispatch time.
/// </summary>
public static class QueueNames
{
    public const string Default = "default";

    public const string Hint = "a queue name is lowercase letters, digits, '_' and '-' (at most 50), e.g. 'queue: train'";

    public static bool IsValid(string name) =>
        name.Length is > 0 and <= 50 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-');
}
