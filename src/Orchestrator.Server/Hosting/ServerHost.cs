using Hangfire;
using Orchestrator.Server.Definitions;
using Orchestrator.Server.Runs;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// What the hosting process lends the server beyond the store: a launcher for runs and a publisher for definitions
/// (both need the host's activities and plugins), and Hangfire's storage for its dashboard. Any may be missing: the
/// routes that need it then say so.
/// </summary>
public sealed record ServerHost(IRunLauncher? Runs = null, IDefinitionPublisher? Definitions = null, JobStorage? Jobs = null)
{
    public static ServerHost ReadOnly { get; } = new();
}
