using System.Text.Json.Nodes;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Validation;

namespace Orchestrator.Server.Runs;

/// <summary>
/// Starts and resumes runs for the API. The host provides it, since it owns the activities and plugins a run needs;
/// a server without one reads the store but starts nothing.
/// </summary>
public interface IRunLauncher
{
    /// <summary>
    /// Resolves the workflow (an id or id@version in the store or the workflows folders; never a file path), checks
    /// the inputs, creates the run, then executes it in this process in the background or queues it for a worker.
    /// </summary>
    Task<LaunchOutcome> StartAsync(LaunchRequest request, string actor, CancellationToken cancellationToken);

    /// <summary>Continues a run from its last committed step, in this process, in the background.</summary>
    Task<LaunchOutcome> ResumeAsync(string runId, string actor, CancellationToken cancellationToken);
}

/// <summary>A workflow (id or id@version) to start with its inputs; <see cref="Queue"/> null runs it in the server's process, a name queues it for a worker.</summary>
public sealed record LaunchRequest(string Workflow, JsonObject Inputs, long? Seed, string? RunId, string? Queue);

/// <summary>The run created or resumed, or the issues that stopped it (nothing stored then).</summary>
public sealed record LaunchOutcome(RunRecord? Run, IReadOnlyList<ValidationIssue> Issues)
{
    public static LaunchOutcome Refused(string target, string message, string? hint = null) => new(null, [new ValidationIssue(target, null, "", message, hint)]);
}
