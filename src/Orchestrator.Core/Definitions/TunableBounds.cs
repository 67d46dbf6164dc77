namespace Orchestrator.Core.Definitions;

/// <summary>A path a self-edit may change, with the bounds of the values it may take.</summary>
public sealed record TunableBounds(string Pointer, double? Min, double? Max, IReadOnlyList<string>? Values);
