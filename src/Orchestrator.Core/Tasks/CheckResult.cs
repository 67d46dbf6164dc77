namespace Orchestrator.Core.Tasks;

/// <summary>The environment's feedback on one attempt: right or wrong, and what was expected.</summary>
public readonly record struct CheckResult(bool Correct, string Expected);
