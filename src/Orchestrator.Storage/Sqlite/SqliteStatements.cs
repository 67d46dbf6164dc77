using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// The store's statements, compiled once per connection and reused for every call: a step commit then costs
/// binding values and stepping the statements, never parsing SQL again.
/// </summary>
internal sealed partial class SqliteStatements : IDisposable
{
    private readonly List<SqliteCommand> _all = [];

    public SqliteStatements(SqliteConnection connection)
    {
        InsertRun = Prepare(connection, RunRows.Insert);
        FindRun = Prepare(connection, RunRows.Find);
        ListRuns = Prepare(connection, RunRows.List);
        CommitRun = Prepare(connection, RunRows.CommitStep);
        UpdateRunStatus = Prepare(connection, RunRows.UpdateStatus);
        StepsOfRun = Prepare(connection, StepRows.ForRun);
        BeginStep = Prepare(connection, StepRows.Begin);
        CommitStep = Prepare(connection, StepRows.Commit);
    }

    public SqliteCommand InsertRun { get; }
    public SqliteCommand FindRun { get; }
    public SqliteCommand ListRuns { get; }
    public SqliteCommand CommitRun { get; }
    public SqliteCommand UpdateRunStatus { get; }
    public SqliteCommand StepsOfRun { get; }
    public SqliteCommand BeginStep { get; }
    public SqliteCommand CommitStep { get; }

    public void Dispose()
    {
        foreach (var command in _all) command.Dispose();
        _all.Clear();
    }

    private SqliteCommand Prepare(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        // The parameters are taken from the SQL itself, so a statement and its parameter list cannot drift apart;
        // the binders then only set values, and a misspelt name fails on the first call rather than binding NULL.
        foreach (var name in ParameterName().Matches(sql).Select(m => m.Value).Distinct(StringComparer.Ordinal))
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        _all.Add(command);
        return command;
    }

    [GeneratedRegex(@"\$[a-z_]+")]
    private static partial Regex ParameterName();
}
