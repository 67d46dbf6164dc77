namespace Orchestrator.Core.Engine;

/// <summary>A run cannot start or resume as asked: bad inputs, a missing sub-workflow, an unknown run id. Nothing was changed.</summary>
public class RunSetupException(string message) : Exception(message);
