using System.Text.Json.Nodes;
using Npgsql;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.SelfEditing;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Storage.Postgres;

/// <summary>
/// Versioned workflow definitions in PostgreSQL. Publishers of one definition id take turns (an advisory lock
/// per id), so concurrent publishes on several workers never pick the same version number; a published version
/// and its move of the <c>current</c> alias commit together.
/// </summary>
public sealed class PostgresDefinitionStore(PostgresStore store, TimeProvider? time = null) : IDefinitionStore
{
    private readonly NpgsqlDataSource _source = store.DataSource;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        StoreArguments.Text(request.DefinitionId, nameof(request.DefinitionId));
        StoreArguments.Text(request.ContentHash, nameof(request.ContentHash));
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await PostgresLocks.DefinitionAsync(connection, transaction, request.DefinitionId, cancellationToken).ConfigureAwait(false);

        // A published version moves 'current': lock it before reading it, so the new version's parent is the holder
        // the journal says it replaced, even when someone moves 'current' by hand meanwhile.
        var journal = PostgresAliasJournal.Definitions;
        if (!request.Draft)
            await journal.LockAsync(connection, transaction, request.DefinitionId, IDefinitionStore.CurrentAlias, cancellationToken).ConfigureAwait(false);

        // Under the lock, so two publishers of the same content get one version between them. Found: nothing
        // changes (the transaction is rolled back when disposed), unless a draft is being published.
        DefinitionVersion? existing;
        await using (var find = new NpgsqlCommand(PostgresDefinitionRows.FindByContent, connection, transaction))
        {
            find.Parameters.Add(PostgresParameters.Text("id", request.DefinitionId));
            find.Parameters.Add(PostgresParameters.Text("content_hash", request.ContentHash));
            existing = await ReadOneAsync(find, cancellationToken).ConfigureAwait(false);
        }
        if (existing is not null)
        {
            if (request.Draft || existing.Status == DefinitionStatus.Published) return new PublishResult(existing, Created: false);
            await using (var mark = new NpgsqlCommand(PostgresDefinitionRows.MarkPublished, connection, transaction))
            {
                mark.Parameters.Add(PostgresParameters.Text("id", request.DefinitionId));
                mark.Parameters.AddWithValue("version", existing.Version);
                await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await journal.MoveAsync(connection, transaction,
                new AliasMoveRequest(request.DefinitionId, IDefinitionStore.CurrentAlias, existing.Version, request.Author, request.Reason, request.Evidence), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new PublishResult(existing with { Status = DefinitionStatus.Published }, Created: false, PublishedDraft: true);
        }
        var parent = await journal.GetAsync(connection, transaction, request.DefinitionId, IDefinitionStore.CurrentAlias, cancellationToken).ConfigureAwait(false);
        int next;
        await using (var latest = new NpgsqlCommand(PostgresDefinitionRows.Latest, connection, transaction))
        {
            latest.Parameters.Add(PostgresParameters.Text("id", request.DefinitionId));
            next = (int)(await latest.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! + 1;
        }

        var now = _time.GetUtcNow();
        var version = new DefinitionVersion
        {
            DefinitionId = request.DefinitionId,
            Version = next,
            ContentHash = request.ContentHash,
            // A copy: the caller's document stays theirs to change.
            Document = (JsonObject)request.Document.DeepClone(),
            Status = request.Draft ? DefinitionStatus.Draft : DefinitionStatus.Published,
            ParentVersion = parent,
            Author = request.Author,
            Reason = request.Reason,
            CreatedAt = now,
        };
        await using (var insert = new NpgsqlCommand(PostgresDefinitionRows.Insert, connection, transaction))
        {
            PostgresDefinitionRows.BindInsert(insert.Parameters, version);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (!request.Draft)
            await journal.MoveAsync(connection, transaction,
                new AliasMoveRequest(request.DefinitionId, IDefinitionStore.CurrentAlias, next, request.Author, request.Reason, request.Evidence), now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PublishResult(version, Created: true);
    }

    public async Task<DefinitionVersion?> GetAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(PostgresDefinitionRows.Find);
        command.Parameters.Add(PostgresParameters.Text("id", definitionId));
        command.Parameters.Add(PostgresParameters.Int("version", version));
        return await ReadOneAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DefinitionVersion>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(PostgresDefinitionRows.ForDefinition);
        command.Parameters.Add(PostgresParameters.Text("id", definitionId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<DefinitionVersion>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) versions.Add(PostgresDefinitionRows.Read(reader));
        return versions;
    }

    public async Task<IReadOnlyList<string>> ListDefinitionIdsAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(PostgresDefinitionRows.Ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) ids.Add(reader.GetString(0));
        return ids;
    }

    public Task<int?> GetAliasAsync(string definitionId, string alias, CancellationToken cancellationToken) =>
        PostgresAliasJournal.Definitions.GetAsync(_source, definitionId, alias, cancellationToken);

    /// <exception cref="AliasConflictException">The alias is not where <see cref="AliasMoveRequest.ExpectedFrom"/> says; nothing changed.</exception>
    /// <exception cref="KeyNotFoundException">The definition has no such version; nothing changed.</exception>
    public Task<AliasMove> MoveAliasAsync(AliasMoveRequest request, CancellationToken cancellationToken) =>
        PostgresAliasJournal.Definitions.MoveAsync(_source, request, _time.GetUtcNow(), cancellationToken);

    public Task<IReadOnlyList<AliasMove>> GetAliasHistoryAsync(string definitionId, string alias, CancellationToken cancellationToken) =>
        PostgresAliasJournal.Definitions.HistoryAsync(_source, definitionId, alias, cancellationToken);

    public async Task<EditRecord> AppendEditAsync(EditJournalEntry entry, CancellationToken cancellationToken)
    {
        StoreArguments.Text(entry.DefinitionId, nameof(entry.DefinitionId));
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Proposals to one definition take turns with its publishers, so two never take the same sequence number.
        await PostgresLocks.DefinitionAsync(connection, transaction, entry.DefinitionId, cancellationToken).ConfigureAwait(false);
        var at = _time.GetUtcNow();
        await using var command = new NpgsqlCommand(StoredEdits.Append('@'), connection, transaction);
        command.Parameters.Add(PostgresParameters.Text("definition_id", entry.DefinitionId));
        command.Parameters.Add(PostgresParameters.Int("parent_version", entry.ParentVersion));
        command.Parameters.Add(PostgresParameters.Text("editor", entry.Editor));
        command.Parameters.Add(PostgresParameters.Json("patch", entry.Patch.ToJsonString()));
        command.Parameters.Add(new NpgsqlParameter("accepted", NpgsqlTypes.NpgsqlDbType.Boolean) { Value = entry.Accepted });
        command.Parameters.Add(PostgresParameters.Json("rejections", StoredEdits.Rejections(entry.Rejections)));
        command.Parameters.Add(PostgresParameters.Int("draft_version", entry.DraftVersion));
        command.Parameters.Add(PostgresParameters.Text("rationale", entry.Rationale));
        command.Parameters.Add(PostgresParameters.Text("at", StoredValues.Time(at)));
        command.Parameters.Add(PostgresParameters.Json("details", StoredEdits.Details(entry)));
        var sequence = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return StoredEdits.Record(entry, sequence, at);
    }

    public async Task<IReadOnlyList<EditRecord>> GetEditsAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(StoredEdits.ForDefinition('@'));
        command.Parameters.Add(PostgresParameters.Text("definition_id", definitionId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var edits = new List<EditRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            edits.Add(StoredEdits.Read(definitionId, reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4),
                reader.GetString(5), PostgresValues.NullableInt(reader, 6), PostgresValues.NullableString(reader, 7), reader.GetString(8),
                PostgresValues.NullableString(reader, 9)));
        return edits;
    }

    private static async Task<DefinitionVersion?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? PostgresDefinitionRows.Read(reader) : null;
    }
}
