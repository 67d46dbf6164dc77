namespace Orchestrator.Core.Access;

/// <summary>
/// One change made through the server: which key, what (method and path), on what (a run id, a model, a schedule
/// where the route names one), and the answer's status. <see cref="Sequence"/> is set by the store.
/// </summary>
public sealed record AccessEntry(DateTimeOffset At, string Key, string Method, string Path, int Status, string? Target = null)
{
    public long Sequence { get; init; }
}
