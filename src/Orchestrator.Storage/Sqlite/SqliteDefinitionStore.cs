using System.Globalization;
using Microsoft.Data.Sqlite;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.SelfEditing;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// Versioned definitions in the store folder's <c>orchestrator.db</c>, beside the runs. One connection per
/// instance, used by one caller at a time; instances and processes sharing the file serialise their writes
/// through SQLite's write lock, so version numbers and journal sequences never collide.
/// </summary>
public sealed class SqliteDefinitionStore : IDefinitionStore, IDisposable, IAsyncDisposable
{
    private readonly SqliteSession _session;
    private readonly TimeProvider _time;
    private readonly SqliteCommand _find, _findByHash, _latest, _insert, _markPublished, _listVersions, _listIds, _appendEdit, _edits;
    private readonly SqliteAliasJournal _aliases;

    /// <summary>Opens (creating when missing) the store in <paramref name="directory"/>, e.g. <c>.orchestrator</c>.</summary>
    /// <param name="directory">The store folder.</param>
    /// <param name="time">The clock that stamps versions and alias moves; the system clock by default.</param>
    /// <exception cref="StoreOpenException">The folder or its database cannot be used; the message says why and what to do.</exception>
    public SqliteDefinitionStore(string directory, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _session = SqliteSession.Open(directory);
        try
        {
            _find = _session.Prepare(DefinitionRows.Find);
            _findByHash = _session.Prepare(DefinitionRows.FindByHash);
            _latest = _session.Prepare(DefinitionRows.Latest);
            _insert = _session.Prepare(DefinitionRows.Insert);
            _markPublished = _session.Prepare(DefinitionRows.MarkPublished);
            _listVersions = _session.Prepare(DefinitionRows.ListVersions);
            _listIds = _session.Prepare(DefinitionRows.ListIds);
            _appendEdit = _session.Prepare(StoredEdits.Append('$'));
            _edits = _session.Prepare(StoredEdits.ForDefinition('$'));
            _aliases = new SqliteAliasJournal(_session, AliasRows.DefinitionKind);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>The database file's full path.</summary>
    public string DatabasePath => _session.DatabasePath;

    public Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        var id = StoreArguments.Text(request.DefinitionId, nameof(request.DefinitionId));
        StoreArguments.Text(request.ContentHash, nameof(request.ContentHash));
        // Serialised before the lock is taken, so concurrent publishers wait only for the write itself.
        var document = request.Document.ToJsonString();
        var evidence = request.Evidence?.ToJsonString();
        return UseAsync(() => _session.InTransaction(() =>
        {
            // Inside the write transaction: a concurrent publisher of the same content either committed
            // before (and is found here) or waits until this one commits (and then finds it).
            _findByHash.Parameters["$definition_id"].Value = id;
            _findByHash.Parameters["$content_hash"].Value = request.ContentHash;
            var current = _aliases.Holder(id, IDefinitionStore.CurrentAlias);
            if (ReadOne(_findByHash) is { } existing)
            {
                if (request.Draft || existing.Status == DefinitionStatus.Published) return new PublishResult(existing, Created: false);
                _markPublished.Parameters["$definition_id"].Value = id;
                _markPublished.Parameters["$version"].Value = existing.Version;
                _markPublished.ExecuteNonQuery();
                _aliases.Point(id, IDefinitionStore.CurrentAlias, current, existing.Version, request.Author, request.Reason, evidence, _time.GetUtcNow());
                return new PublishResult(existing with { Status = DefinitionStatus.Published }, Created: false, PublishedDraft: true);
            }

            var version = new DefinitionVersion
            {
                DefinitionId = id,
                Version = LatestVersion(id) + 1,
                ContentHash = request.ContentHash,
                Document = SqliteValues.ParseObject(document, "the published document"),
                Status = request.Draft ? DefinitionStatus.Draft : DefinitionStatus.Published,
                ParentVersion = current,
                Author = request.Author,
                Reason = request.Reason,
                CreatedAt = _time.GetUtcNow(),
            };
            DefinitionRows.BindInsert(_insert, version, document);
            _insert.ExecuteNonQuery();
            if (!request.Draft)
                _aliases.Point(id, IDefinitionStore.CurrentAlias, current, version.Version, request.Author, request.Reason, evidence, version.CreatedAt);
            return new PublishResult(version, Created: true);
        }), cancellationToken);
    }

    public Task<DefinitionVersion?> GetAsync(string definitionId, int version, CancellationToken cancellationToken) =>
        UseAsync(() => Find(definitionId, version), cancellationToken);

    public Task<IReadOnlyList<DefinitionVersion>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<DefinitionVersion>>(() =>
        {
            _listVersions.Parameters["$definition_id"].Value = definitionId;
            using var reader = _listVersions.ExecuteReader();
            var versions = new List<DefinitionVersion>();
            while (reader.Read()) versions.Add(DefinitionRows.Read(reader));
            return versions;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ListDefinitionIdsAsync(CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<string>>(() =>
        {
            using var reader = _listIds.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read()) ids.Add(reader.GetString(0));
            return ids;
        }, cancellationToken);

    public Task<int?> GetAliasAsync(string definitionId, string alias, CancellationToken cancellationToken) =>
        UseAsync(() => _aliases.Holder(definitionId, alias), cancellationToken);

    public Task<AliasMove> MoveAliasAsync(AliasMoveRequest request, CancellationToken cancellationToken)
    {
        StoreArguments.Text(request.Subject, nameof(request.Subject));
        StoreArguments.Text(request.Alias, nameof(request.Alias));
        var evidence = request.Evidence?.ToJsonString();
        return UseAsync(() => _session.InTransaction(() =>
            _aliases.Move(request, evidence, _time.GetUtcNow(), to =>
            {
                if (Find(request.Subject, to) is null) throw NoSuchVersion(request.Subject, to);
            })), cancellationToken);
    }

    public Task<IReadOnlyList<AliasMove>> GetAliasHistoryAsync(string definitionId, string alias, CancellationToken cancellationToken) =>
        UseAsync(() => _aliases.History(definitionId, alias), cancellationToken);

    public Task<EditRecord> AppendEditAsync(EditJournalEntry entry, CancellationToken cancellationToken)
    {
        StoreArguments.Text(entry.DefinitionId, nameof(entry.DefinitionId));
        var (patch, rejections, details) = (entry.Patch.ToJsonString(), StoredEdits.Rejections(entry.Rejections), StoredEdits.Details(entry));
        return UseAsync(() => _session.InTransaction(() =>
        {
            var at = _time.GetUtcNow();
            var p = _appendEdit.Parameters;
            p["$definition_id"].Value = entry.DefinitionId;
            p["$parent_version"].Value = entry.ParentVersion;
            p["$editor"].Value = entry.Editor;
            p["$patch"].Value = patch;
            p["$accepted"].Value = entry.Accepted ? 1 : 0;
            p["$rejections"].Value = rejections;
            p["$draft_version"].Value = (object?)entry.DraftVersion ?? DBNull.Value;
            p["$rationale"].Value = (object?)entry.Rationale ?? DBNull.Value;
            p["$at"].Value = SqliteValues.Time(at);
            p["$details"].Value = (object?)details ?? DBNull.Value;
            var sequence = Convert.ToInt64(_appendEdit.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            return StoredEdits.Record(entry, sequence, at);
        }), cancellationToken);
    }

    public Task<IReadOnlyList<EditRecord>> GetEditsAsync(string definitionId, CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<EditRecord>>(() =>
        {
            _edits.Parameters["$definition_id"].Value = definitionId;
            using var reader = _edits.ExecuteReader();
            var edits = new List<EditRecord>();
            while (reader.Read())
                edits.Add(StoredEdits.Read(definitionId, reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4) == 1,
                    reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9)));
            return edits;
        }, cancellationToken);

    public void Dispose() => _session.Dispose();

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private DefinitionVersion? Find(string definitionId, int version)
    {
        _find.Parameters["$definition_id"].Value = definitionId;
        _find.Parameters["$version"].Value = version;
        return ReadOne(_find);
    }

    private static DefinitionVersion? ReadOne(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? DefinitionRows.Read(reader) : null;
    }

    private int LatestVersion(string definitionId)
    {
        _latest.Parameters["$definition_id"].Value = definitionId;
        return Convert.ToInt32(_latest.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private KeyNotFoundException NoSuchVersion(string definitionId, int version)
    {
        var latest = LatestVersion(definitionId);
        return new KeyNotFoundException(latest == 0
            ? $"definition '{definitionId}' has no versions in {DatabasePath}, so it has no version {version} for an alias to point at; publish it first"
            : $"definition '{definitionId}' has no version {version} (its versions are 1 to {latest}); an alias can point only at a stored version");
    }

    private Task<T> UseAsync<T>(Func<T> work, CancellationToken cancellationToken) => _session.UseAsync(this, work, cancellationToken);
}
