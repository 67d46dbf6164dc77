using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// The run store's statements, compiled once per connection and reused for every call: a step commit then
/// costs binding values and stepping the statements, never parsing SQL again.
/// </summary>
internal sealed class SqliteStatements(SqliteSession session)
{
    public SqliteCommand InsertRun { get; } = session.Prepare(RunRows.Insert);
    public SqliteCommand FindRun { get; } = session.Prepare(RunRows.Find);
    public SqliteCommand ListRuns { get; } = session.Prepare(RunRows.List);
    public SqliteCommand QueryRuns { get; } = session.Prepare(RunRows.Query);
    public SqliteCommand CommitRun { get; } = session.Prepare(RunRows.CommitStep);
    public SqliteCommand UpdateRunStatus { get; } = session.Prepare(RunRows.UpdateStatus);
    public SqliteCommand StepsOfRun { get; } = session.Prepare(StepRows.ForRun);
    public SqliteCommand JournalOfRun { get; } = session.Prepare(StepRows.JournalOfRun);
    public SqliteCommand BeginStep { get; } = session.Prepare(StepRows.Begin);
    public SqliteCommand CommitStep { get; } = session.Prepare(StepRows.Commit);
}
