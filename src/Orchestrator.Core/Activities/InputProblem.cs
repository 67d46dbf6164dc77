namespace Orchestrator.Core.Activities;

/// <summary>One problem with a step's inputs, found before the run or when they are bound.</summary>
public sealed record InputProblem(string Input, string Message, string? Hint = null);
