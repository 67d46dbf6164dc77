namespace Orchestrator.Cli.Tests.Reliability;

/// <summary>
/// When to SIGKILL one launch: once a line on its stderr matches <see cref="Trigger"/> (or at once, when it has
/// none), wait <see cref="Delay"/> and kill. <see cref="Aim"/> names what the plan was chosen to hit; where the
/// kill really landed is read from the store afterwards (<see cref="KillLanding"/>).
/// </summary>
public sealed record KillPlan(string Aim, Func<string, bool>? Trigger, TimeSpan Delay);
