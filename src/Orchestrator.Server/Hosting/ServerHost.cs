using Orchestrator.Server.Definitions;
using Orchestrator.Server.Runs;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// What the hosting process lends the server beyond the store: a launcher for runs and a publisher for definitions
/// (both need the host's activities and plugins). Either may be missing: the routes that need it then answer 501.
/// </summary>
public sealed record ServerHost(IRunLauncher? Runs = null, IDefinitionPublisher? Definitions = null)
{
    public static ServerHost ReadOnly { get; } = new();
}
