namespace Orchestrator.Core.Engine.Children;

/// <summary>
/// How a step executes the child runs it waits for: one after another in this process, or queued so that every
/// worker takes some. Either way each child is an ordinary durable run: a child that exists is resumed (or, finished,
/// returned as it is), never started twice.
/// </summary>
public interface IChildRunLauncher
{
    /// <summary>Every child, finished (succeeded, failed or cancelled), in the order given.</summary>
    Task<IReadOnlyList<RunRecord>> RunAllAsync(IReadOnlyList<ChildRun> children, CancellationToken cancellationToken);
}
