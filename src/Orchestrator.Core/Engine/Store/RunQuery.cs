namespace Orchestrator.Core.Engine.Store;

/// <summary>A page of the runs, newest first, optionally of one workflow and one status; the store filters and pages.</summary>
public sealed record RunQuery(string? Workflow = null, RunStatus? Status = null, int Offset = 0, int Limit = 50);

/// <summary>The runs of a page and whether more match after it.</summary>
public sealed record RunPage(IReadOnlyList<RunRecord> Runs, bool More);
