using Hangfire;
using Orchestrator.Server.Definitions;
using Orchestrator.Server.OpenAi;
using Orchestrator.Server.Runs;
using Orchestrator.Server.Schedules;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// What the hosting process lends the server beyond the store: a launcher for runs, a publisher for definitions and a
/// manager of schedules (all need the host's activities and plugins), Hangfire's storage for its dashboard, and the chat models of /v1. Any may be missing: the
/// routes that need it then say so.
/// </summary>
public sealed record ServerHost(IRunLauncher? Runs = null, IDefinitionPublisher? Definitions = null, IScheduleManager? Schedules = null, JobStorage? Jobs = null, IChatModels? Chat = null)
{
    public static ServerHost ReadOnly { get; } = new();
}
