using System.Text.Json.Nodes;
using Npgsql;
using Orchestrator.Core.Artifacts;
using Orchestrator.Core.Engine;
using Orchestrator.Core.Engine.Store;

namespace Orchestrator.Storage.Postgres;

/// <summary>
/// Runs and their step journals in PostgreSQL, shared by every worker that opens the same database. Each call
/// takes a pooled connection, so one instance serves concurrent callers; the steps of one run are numbered
/// under the run's row lock, so parallel branches on different workers never collide.
/// </summary>
public sealed class PostgresRunStore(PostgresStore store) : IRunStore, IArtifactReferences
{
    private readonly NpgsqlDataSource _source = store.DataSource;

    /// <summary>The table schema version this build writes (separate from <see cref="RunRecord.CurrentSchemaVersion"/>).</summary>
    public static int SchemaVersion => PostgresMigrations.Latest;

    public Task CreateRunAsync(RunRecord run, CancellationToken cancellationToken) => Guarded(async () =>
    {
        await using var command = _source.CreateCommand(PostgresRunRows.Insert);
        PostgresRunRows.BindInsert(command.Parameters, run);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            throw new InvalidOperationException($"run {run.Id} already exists in {store.Target}");
    });

    public Task<RunRecord?> FindRunAsync(string runId, CancellationToken cancellationToken) => Guarded<RunRecord?>(async () =>
    {
        await using var command = _source.CreateCommand(PostgresRunRows.Find);
        command.Parameters.Add(PostgresParameters.Text("id", runId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? PostgresRunRows.Read(reader) : null;
    });

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(int limit, CancellationToken cancellationToken) => Guarded<IReadOnlyList<RunRecord>>(async () =>
    {
        // As the other stores: no room left means no runs (PostgreSQL would refuse a negative LIMIT).
        if (limit <= 0) return [];
        await using var command = _source.CreateCommand(PostgresRunRows.List);
        command.Parameters.Add(PostgresParameters.Int("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<RunRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) runs.Add(PostgresRunRows.Read(reader));
        return runs;
    });

    public Task<RunPage> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken) => Guarded<RunPage>(async () =>
    {
        await using var command = _source.CreateCommand(PostgresRunRows.Query);
        command.Parameters.Add(PostgresParameters.Text("workflow", query.Workflow));
        command.Parameters.Add(PostgresParameters.Text("status", query.Status is { } status ? StoredValues.Status(status) : null));
        command.Parameters.Add(PostgresParameters.Bool("queued", query.Status switch { RunStatus.Queued => true, RunStatus.Running => false, _ => (bool?)null }));
        // One more than the page, to learn whether another page follows.
        command.Parameters.Add(PostgresParameters.Int("limit", query.Limit + 1));
        command.Parameters.Add(PostgresParameters.Int("offset", query.Offset));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<RunRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) runs.Add(PostgresRunRows.Read(reader));
        return new RunPage(runs.Take(query.Limit).ToList(), runs.Count > query.Limit);
    });

    public Task<IReadOnlyList<StepRecord>> GetStepsAsync(string runId, CancellationToken cancellationToken) => StepsAsync(PostgresStepRows.ForRun, runId, cancellationToken);

    public Task<IReadOnlyList<StepRecord>> GetJournalAsync(string runId, CancellationToken cancellationToken) => StepsAsync(PostgresStepRows.JournalOfRun, runId, cancellationToken);

    private Task<IReadOnlyList<StepRecord>> StepsAsync(string sql, string runId, CancellationToken cancellationToken) => Guarded<IReadOnlyList<StepRecord>>(async () =>
    {
        await using var command = _source.CreateCommand(sql);
        command.Parameters.Add(PostgresParameters.Text("run_id", runId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var steps = new List<StepRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) steps.Add(PostgresStepRows.Read(reader));
        return steps;
    });

    public Task<StepStart> BeginStepAsync(string runId, StepRecord step, DateTimeOffset now, CancellationToken cancellationToken) => Guarded<StepStart>(async () =>
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // One round trip: lock the run, then upsert the step. Separate statements, not one: the upsert must read
        // the highest sequence after the lock is granted, and each statement sees what was committed before it began.
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(PostgresBatch.Command(PostgresRunRows.LockForStep, p => p.Add(PostgresParameters.Text("id", runId))));
        batch.BatchCommands.Add(PostgresBatch.Command(PostgresStepRows.Begin, p => PostgresStepRows.BindBegin(p, runId, step, now)));
        StepStart start;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            start = new StepStart(reader.GetInt32(0), PostgresValues.Time(reader, 1));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw RunNotFound(runId, e);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return start;
    });

    public Task CommitStepAsync(string runId, StepRecord step, JsonObject runState, DateTimeOffset now, CancellationToken cancellationToken) => Guarded(async () =>
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The run row first: its UPDATE takes the row lock under which the step's sequence is chosen.
        await using var batch = new NpgsqlBatch(connection, transaction);
        var run = PostgresBatch.Command(PostgresRunRows.CommitStep, p =>
        {
            p.Add(PostgresParameters.Text("id", runId));
            p.Add(PostgresParameters.Json("state", runState.ToJsonString()));
            p.Add(PostgresParameters.Text("position", step.Key));
            p.Add(PostgresParameters.Int("committed", step.IsCommitted ? 1 : 0));
            p.Add(PostgresParameters.Time("updated_at", now));
        });
        batch.BatchCommands.Add(run);
        batch.BatchCommands.Add(PostgresBatch.Command(PostgresStepRows.Commit, p => PostgresStepRows.BindCommit(p, runId, step)));
        try
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw RunNotFound(runId, e);
        }
        if (run.RecordsAffected == 0) throw RunNotFound(runId, null);
        // Disposing the transaction uncommitted (any exception above) rolls it back: run and step change together or not at all.
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    });

    public Task<LeaseClaim> ClaimAsync(string runId, string owner, DateTimeOffset now, TimeSpan duration, string? replacing, CancellationToken cancellationToken) => Guarded<LeaseClaim>(async () =>
    {
        await using (var claim = _source.CreateCommand(RunLeaseSql.Claim))
        {
            claim.Parameters.Add(PostgresParameters.Text("id", runId));
            claim.Parameters.Add(PostgresParameters.Text("owner", owner));
            claim.Parameters.Add(PostgresParameters.Text("until", PostgresValues.Time(now + duration)));
            claim.Parameters.Add(PostgresParameters.Text("now", PostgresValues.Time(now)));
            claim.Parameters.Add(PostgresParameters.Text("replacing", replacing));
            if (await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1) return LeaseClaim.Grant();
        }
        await using var holder = _source.CreateCommand(RunLeaseSql.Holder);
        holder.Parameters.Add(PostgresParameters.Text("id", runId));
        await using var row = await holder.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await row.ReadAsync(cancellationToken).ConfigureAwait(false)) throw RunNotFound(runId, null);
        return new LeaseClaim(false, PostgresValues.NullableString(row, 0), PostgresValues.NullableTime(row, 1));
    });

    public Task ReleaseAsync(string runId, string owner, CancellationToken cancellationToken) => Guarded(async () =>
    {
        await using var release = _source.CreateCommand(RunLeaseSql.Release);
        release.Parameters.Add(PostgresParameters.Text("id", runId));
        release.Parameters.Add(PostgresParameters.Text("owner", owner));
        await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    });

    public Task UpdateRunStatusAsync(string runId, RunStatus status, JsonNode? output, StepError? error, DateTimeOffset now, CancellationToken cancellationToken) => Guarded(async () =>
    {
        await using var command = _source.CreateCommand(PostgresRunRows.UpdateStatus);
        command.Parameters.Add(PostgresParameters.Text("id", runId));
        command.Parameters.Add(PostgresParameters.Text("status", PostgresValues.Status(status)));
        command.Parameters.Add(PostgresParameters.Bool("queued", status == RunStatus.Queued));
        command.Parameters.Add(PostgresParameters.Json("output", PostgresValues.Json(output)));
        command.Parameters.Add(PostgresParameters.Json("error", PostgresValues.Error(error)));
        command.Parameters.Add(PostgresParameters.Time("updated_at", now));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0) throw RunNotFound(runId, null);
    });

    /// <summary>Every artifact hash mentioned in a run's inputs, state or output, or in a step's output or state changes.</summary>
    public Task<IReadOnlyDictionary<string, string>> GetArtifactReferencesAsync(CancellationToken cancellationToken) => Guarded<IReadOnlyDictionary<string, string>>(async () =>
    {
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string? text, string referrer)
        {
            if (text is null) return;
            foreach (var hash in ArtifactHash.FindIn(text)) references.TryAdd(hash, referrer);
        }

        await using (var runs = _source.CreateCommand(PostgresRunRows.ArtifactMentions))
        await using (var reader = await runs.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var run = $"run {reader.GetString(0)}";
                for (var column = 1; column <= 3; column++) Add(PostgresValues.NullableString(reader, column), run);
            }
        }
        await using (var steps = _source.CreateCommand(PostgresStepRows.ArtifactMentions))
        await using (var reader = await steps.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var step = $"run {reader.GetString(0)} step {reader.GetString(1)}";
                Add(PostgresValues.NullableString(reader, 2), step);
                Add(PostgresValues.NullableString(reader, 3), step);
            }
        }
        return references;
    });

    private InvalidOperationException RunNotFound(string runId, Exception? inner) =>
        new($"run {runId} is not in the store {store.Target}", inner);

    /// <summary>Runs one store operation; a failing server (gone, restarting, out of disk) becomes the error that names the store.</summary>
    private async Task<T> Guarded<T>(Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (StoreFailures.Recognise(e, store.Target) is { } failure)
        {
            throw failure;
        }
    }

    private Task Guarded(Func<Task> work) => Guarded(async () =>
    {
        await work().ConfigureAwait(false);
        return true;
    });
}
