namespace Orchestrator.Core.Engine;

/// <summary>
/// A structured step failure: the error <see cref="Type"/> (e.g. <c>timeout</c>, <c>assertion-failed</c>,
/// <c>exception:System.IO.IOException</c>), a message, where it happened and on which attempt.
/// </summary>
public sealed record StepError(string Type, string Message, string StepKey, string Pointer, int Attempt)
{
    public override string ToString() => $"step '{StepKey}' ({Pointer}) failed on attempt {Attempt}: [{Type}] {Message}";
}
