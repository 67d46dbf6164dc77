namespace Orchestrator.Core.Engine.Control;

/// <summary>
/// What lets one process watch and stop a run that another executes: the latest progress of each run, and cancel
/// requests the executing engine polls for. Neither is part of the run's journal; both are small rows beside it.
/// </summary>
public interface IRunControlStore
{
    /// <summary>Stores the run's latest progress, replacing whatever it reported before (one row per run).</summary>
    Task ReportProgressAsync(RunProgress progress, CancellationToken cancellationToken);

    /// <summary>The run's latest progress; null when it has reported none.</summary>
    Task<RunProgress?> GetProgressAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The latest progress of each of these runs that has reported any, keyed by run id: a page of the runs list in one query.</summary>
    Task<IReadOnlyDictionary<string, RunProgress>> GetProgressAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken);

    /// <summary>Asks for the run to stop. Idempotent: while a request is pending, later ones change nothing and the first is kept.</summary>
    Task RequestCancelAsync(CancelRequest request, CancellationToken cancellationToken);

    /// <summary>The pending request to cancel the run; null when there is none.</summary>
    Task<CancelRequest?> FindCancelRequestAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Withdraws the run's cancel request, if any (a resumed run runs).</summary>
    Task ClearCancelRequestAsync(string runId, CancellationToken cancellationToken);
}
