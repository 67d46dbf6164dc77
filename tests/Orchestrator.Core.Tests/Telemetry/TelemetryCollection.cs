namespace Orchestrator.Core.Tests.Telemetry;

/// <summary>
/// The telemetry tests attach process-wide listeners to the one activity source and meter, so they run one at a
/// time: one test's listener must not make another's "nothing listens" true or false.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}
