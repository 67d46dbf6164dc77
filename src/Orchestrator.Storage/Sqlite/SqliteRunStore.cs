using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Orchestrator.Core.Artifacts;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Store;

namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// The embedded, default run store: one SQLite file, <c>orchestrator.db</c>, in a store folder. One connection
/// per instance, used by one caller at a time (parallel branches of a run commit concurrently); several
/// processes may share the file, each waiting up to 5 s for another's write.
/// </summary>
public sealed class SqliteRunStore : IRunStore, IArtifactReferences, IDisposable, IAsyncDisposable
{
    private const int SqliteConstraintForeignKey = 787;

    private readonly SqliteSession _session;
    private readonly SqliteStatements _statements;

    /// <summary>Opens (creating when missing) the store in <paramref name="directory"/>, e.g. <c>.orchestrator</c>.</summary>
    /// <exception cref="StoreOpenException">The folder or its database cannot be used; the message says why and what to do.</exception>
    public SqliteRunStore(string directory)
    {
        _session = SqliteSession.Open(directory);
        try
        {
            _statements = new SqliteStatements(_session);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>The database file's full path.</summary>
    public string DatabasePath => _session.DatabasePath;

    /// <summary>The table schema version this build writes (separate from <see cref="RunRecord.CurrentSchemaVersion"/>).</summary>
    public static int SchemaVersion => SqliteMigrations.Latest;

    public Task CreateRunAsync(RunRecord run, CancellationToken cancellationToken) =>
        UseAsync(statements =>
        {
            RunRows.BindInsert(statements.InsertRun, run);
            if (statements.InsertRun.ExecuteNonQuery() == 0) throw new InvalidOperationException($"run {run.Id} already exists in {DatabasePath}");
            return true;
        }, cancellationToken);

    public Task<RunRecord?> FindRunAsync(string runId, CancellationToken cancellationToken) =>
        UseAsync(statements =>
        {
            statements.FindRun.Parameters["$id"].Value = runId;
            using var reader = statements.FindRun.ExecuteReader();
            return reader.Read() ? RunRows.Read(reader) : null;
        }, cancellationToken);

    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(int limit, CancellationToken cancellationToken)
    {
        // As the in-memory store: no limit left means no runs (SQLite would read a negative LIMIT as "all").
        if (limit <= 0) return [];
        return await UseAsync(statements =>
        {
            statements.ListRuns.Parameters["$limit"].Value = limit;
            using var reader = statements.ListRuns.ExecuteReader();
            var runs = new List<RunRecord>();
            while (reader.Read()) runs.Add(RunRows.Read(reader));
            return runs;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<RunPage> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken) =>
        UseAsync(statements =>
        {
            var p = statements.QueryRuns.Parameters;
            p["$workflow"].Value = (object?)query.Workflow ?? DBNull.Value;
            p["$status"].Value = query.Status is { } status ? StoredValues.Status(status) : DBNull.Value;
            p["$queued"].Value = query.Status switch { RunStatus.Queued => 1, RunStatus.Running => 0, _ => DBNull.Value };
            // One more than the page, to learn whether another page follows.
            p["$limit"].Value = query.Limit + 1;
            p["$offset"].Value = query.Offset;
            using var reader = statements.QueryRuns.ExecuteReader();
            var runs = new List<RunRecord>();
            while (reader.Read()) runs.Add(RunRows.Read(reader));
            return new RunPage(runs.Take(query.Limit).ToList(), runs.Count > query.Limit);
        }, cancellationToken);

    public Task<IReadOnlyList<StepRecord>> GetStepsAsync(string runId, CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<StepRecord>>(statements =>
        {
            statements.StepsOfRun.Parameters["$run_id"].Value = runId;
            using var reader = statements.StepsOfRun.ExecuteReader();
            var steps = new List<StepRecord>();
            while (reader.Read()) steps.Add(StepRows.Read(reader));
            return steps;
        }, cancellationToken);

    public Task<IReadOnlyList<StepRecord>> GetJournalAsync(string runId, CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<StepRecord>>(statements =>
        {
            statements.JournalOfRun.Parameters["$run_id"].Value = runId;
            using var reader = statements.JournalOfRun.ExecuteReader();
            var steps = new List<StepRecord>();
            while (reader.Read()) steps.Add(StepRows.Read(reader));
            return steps;
        }, cancellationToken);

    public Task<StepStart> BeginStepAsync(string runId, StepRecord step, DateTimeOffset now, CancellationToken cancellationToken) =>
        UseAsync(statements =>
        {
            // One statement, so atomic without an explicit transaction.
            StepRows.BindBegin(statements.BeginStep, runId, step, now);
            try
            {
                using var reader = statements.BeginStep.ExecuteReader();
                reader.Read();
                return new StepStart(reader.GetInt32(0), SqliteValues.ParseTime(reader.GetString(1)));
            }
            catch (SqliteException e) when (e.SqliteExtendedErrorCode == SqliteConstraintForeignKey)
            {
                throw RunNotFound(runId, e);
            }
        }, cancellationToken);

    public Task CommitStepAsync(string runId, StepRecord step, JsonObject runState, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Serialise before taking the lock: concurrent branches then queue only for the write itself.
        var columns = StepColumns.From(step);
        var state = runState.ToJsonString();
        // The run and the step change together or not at all.
        return UseAsync(statements => _session.InTransaction(() =>
        {
            var run = statements.CommitRun;
            run.Parameters["$id"].Value = runId;
            run.Parameters["$state"].Value = state;
            run.Parameters["$position"].Value = step.Key;
            run.Parameters["$committed"].Value = step.IsCommitted ? 1 : 0;
            run.Parameters["$updated_at"].Value = SqliteValues.Time(now);
            if (run.ExecuteNonQuery() == 0) throw RunNotFound(runId, null);
            StepRows.BindCommit(statements.CommitStep, runId, columns);
            statements.CommitStep.ExecuteNonQuery();
            return true;
        }), cancellationToken);
    }

    public Task<LeaseClaim> ClaimAsync(string runId, string owner, DateTimeOffset now, TimeSpan duration, string? replacing, CancellationToken cancellationToken) =>
        UseAsync(_ =>
        {
            using var claim = _session.Connection.CreateCommand();
            claim.CommandText = RunLeaseSql.Claim;
            claim.Parameters.AddWithValue("@id", runId);
            claim.Parameters.AddWithValue("@owner", owner);
            claim.Parameters.AddWithValue("@until", SqliteValues.Time(now + duration));
            claim.Parameters.AddWithValue("@now", SqliteValues.Time(now));
            claim.Parameters.AddWithValue("@replacing", (object?)replacing ?? DBNull.Value);
            if (claim.ExecuteNonQuery() == 1) return LeaseClaim.Grant();
            using var holder = _session.Connection.CreateCommand();
            holder.CommandText = RunLeaseSql.Holder;
            holder.Parameters.AddWithValue("@id", runId);
            using var row = holder.ExecuteReader();
            if (!row.Read()) throw RunNotFound(runId, null);
            return new LeaseClaim(false, row.IsDBNull(0) ? null : row.GetString(0), row.IsDBNull(1) ? null : SqliteValues.ParseTime(row.GetString(1)));
        }, cancellationToken);

    public Task ReleaseAsync(string runId, string owner, CancellationToken cancellationToken) =>
        UseAsync(_ =>
        {
            using var release = _session.Connection.CreateCommand();
            release.CommandText = RunLeaseSql.Release;
            release.Parameters.AddWithValue("@id", runId);
            release.Parameters.AddWithValue("@owner", owner);
            return release.ExecuteNonQuery();
        }, cancellationToken);

    public Task UpdateRunStatusAsync(string runId, RunStatus status, JsonNode? output, StepError? error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outputText = SqliteValues.Json(output);
        var errorText = SqliteValues.Error(error);
        return UseAsync(statements =>
        {
            var update = statements.UpdateRunStatus;
            update.Parameters["$id"].Value = runId;
            update.Parameters["$status"].Value = SqliteValues.Status(status);
            update.Parameters["$queued"].Value = status == RunStatus.Queued ? 1 : 0;
            update.Parameters["$output"].Value = outputText;
            update.Parameters["$error"].Value = errorText;
            update.Parameters["$updated_at"].Value = SqliteValues.Time(now);
            if (update.ExecuteNonQuery() == 0) throw RunNotFound(runId, null);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Every artifact hash in a run's inputs, state or output ("run ID") or a step's output or state changes
    /// ("run ID step KEY"), read from one snapshot. A full scan, which garbage collection can afford.
    /// </summary>
    public Task<IReadOnlyDictionary<string, string>> GetArtifactReferencesAsync(CancellationToken cancellationToken) =>
        UseAsync(_ => RunArtifactReferences.Read(_session.Connection), cancellationToken);

    public void Dispose() => _session.Dispose();

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private Task<T> UseAsync<T>(Func<SqliteStatements, T> work, CancellationToken cancellationToken) =>
        _session.UseAsync(this, () => work(_statements), cancellationToken);

    private InvalidOperationException RunNotFound(string runId, Exception? inner) =>
        new($"run {runId} is not in the store {DatabasePath}", inner);
}
