namespace Orchestrator.Core.Engine;

/// <summary>A run created for later execution, or the existing run of the requested id (<see cref="Created"/> false).</summary>
public sealed record RunCreation(RunRecord Run, bool Created);
