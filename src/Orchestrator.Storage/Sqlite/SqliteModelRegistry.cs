using System.Globalization;
using Microsoft.Data.Sqlite;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Artifacts;
using Orchestrator.Core.Registry;

namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// The model registry in the store folder's <c>orchestrator.db</c>, beside the runs and definitions: immutable
/// versions with lineage, and aliases whose every move is journalled. One connection per instance, used by
/// one caller at a time; instances and processes sharing the file serialise their writes through SQLite's
/// write lock, so version numbers and journal sequences never collide.
/// </summary>
public sealed class SqliteModelRegistry : IModelRegistry, IArtifactReferences, IDisposable, IAsyncDisposable
{
    private readonly SqliteSession _session;
    private readonly TimeProvider _time;
    private readonly SqliteCommand _find, _exists, _latest, _insert, _listVersions, _listNames, _artifacts;
    private readonly SqliteAliasJournal _aliases;

    /// <summary>Opens (creating when missing) the store in <paramref name="directory"/>, e.g. <c>.orchestrator</c>.</summary>
    /// <param name="directory">The store folder.</param>
    /// <param name="time">The clock that stamps versions and alias moves; the system clock by default.</param>
    /// <exception cref="StoreOpenException">The folder or its database cannot be used; the message says why and what to do.</exception>
    public SqliteModelRegistry(string directory, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _session = SqliteSession.Open(directory);
        try
        {
            _find = _session.Prepare(ModelRows.Find);
            _exists = _session.Prepare(ModelRows.Exists);
            _latest = _session.Prepare(ModelRows.Latest);
            _insert = _session.Prepare(ModelRows.Insert);
            _listVersions = _session.Prepare(ModelRows.ListVersions);
            _listNames = _session.Prepare(ModelRows.ListNames);
            _artifacts = _session.Prepare(ModelRows.Artifacts);
            _aliases = new SqliteAliasJournal(_session, AliasRows.ModelKind);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>The database file's full path.</summary>
    public string DatabasePath => _session.DatabasePath;

    public Task<ModelVersion> RegisterAsync(RegisterModelRequest request, CancellationToken cancellationToken)
    {
        var name = StoreArguments.Text(request.Name, nameof(request.Name));
        StoreArguments.Hash(request.CheckpointHash, nameof(request.CheckpointHash));
        var metrics = (request.Metrics ?? []).ToJsonString();
        return UseAsync(() => _session.InTransaction(() =>
        {
            if (request.Lineage.ParentVersion is { } parent && !Exists(name, parent))
                throw new KeyNotFoundException(
                    $"model '{name}' has no version {parent} to be the parent of the new version ({Versions(name)}); " +
                    "a parent must be an existing version of the same model");
            var model = new ModelVersion
            {
                Name = name,
                Version = LatestVersion(name) + 1,
                CheckpointHash = request.CheckpointHash,
                Metrics = SqliteValues.ParseObject(metrics, "the registered metrics"),
                Lineage = request.Lineage,
                CreatedBy = request.CreatedBy,
                Description = request.Description,
                CreatedAt = _time.GetUtcNow(),
            };
            ModelRows.BindInsert(_insert, model, metrics);
            _insert.ExecuteNonQuery();
            return model;
        }), cancellationToken);
    }

    public Task<ModelVersion?> GetAsync(string name, int version, CancellationToken cancellationToken) =>
        UseAsync(() =>
        {
            _find.Parameters["$name"].Value = name;
            _find.Parameters["$version"].Value = version;
            using var reader = _find.ExecuteReader();
            return reader.Read() ? ModelRows.Read(reader) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<string>>(() =>
        {
            using var reader = _listNames.ExecuteReader();
            var names = new List<string>();
            while (reader.Read()) names.Add(reader.GetString(0));
            return names;
        }, cancellationToken);

    public Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string name, CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyList<ModelVersion>>(() =>
        {
            _listVersions.Parameters["$name"].Value = name;
            using var reader = _listVersions.ExecuteReader();
            var versions = new List<ModelVersion>();
            while (reader.Read()) versions.Add(ModelRows.Read(reader));
            return versions;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> GetAliasesAsync(string name, CancellationToken cancellationToken) =>
        UseAsync(() => _aliases.OfSubject(name), cancellationToken);

    public Task<AliasMove> MoveAliasAsync(AliasMoveRequest request, CancellationToken cancellationToken)
    {
        StoreArguments.Text(request.Subject, nameof(request.Subject));
        StoreArguments.Text(request.Alias, nameof(request.Alias));
        var evidence = request.Evidence?.ToJsonString();
        return UseAsync(() => _session.InTransaction(() =>
            _aliases.Move(request, evidence, _time.GetUtcNow(), to =>
            {
                if (!Exists(request.Subject, to))
                    throw new KeyNotFoundException(
                        $"model '{request.Subject}' has no version {to} ({Versions(request.Subject)}); an alias can point only at a registered version");
            })), cancellationToken);
    }

    public Task<IReadOnlyList<AliasMove>> GetAliasHistoryAsync(string name, string alias, CancellationToken cancellationToken) =>
        UseAsync(() => _aliases.History(name, alias), cancellationToken);

    /// <summary>Every checkpoint and dataset hash of every version, each naming one version that holds it (<c>model NAME@VERSION</c>).</summary>
    public Task<IReadOnlyDictionary<string, string>> GetArtifactReferencesAsync(CancellationToken cancellationToken) =>
        UseAsync<IReadOnlyDictionary<string, string>>(() =>
        {
            using var reader = _artifacts.ExecuteReader();
            var found = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                var referrer = $"model {reader.GetString(0)}@{reader.GetInt32(1)}";
                found.TryAdd(reader.GetString(2), referrer);
                // The dataset hash is lineage, not checked on registration: only a real artifact hash is a reference.
                if (!reader.IsDBNull(3) && ArtifactHash.IsValid(reader.GetString(3))) found.TryAdd(reader.GetString(3), referrer);
            }
            return found;
        }, cancellationToken);

    public void Dispose() => _session.Dispose();

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private bool Exists(string name, int version)
    {
        _exists.Parameters["$name"].Value = name;
        _exists.Parameters["$version"].Value = version;
        return Convert.ToInt64(_exists.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private int LatestVersion(string name)
    {
        _latest.Parameters["$name"].Value = name;
        return Convert.ToInt32(_latest.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private string Versions(string name)
    {
        var latest = LatestVersion(name);
        return latest == 0 ? "it has no versions yet" : $"its versions are 1 to {latest}";
    }

    private Task<T> UseAsync<T>(Func<T> work, CancellationToken cancellationToken) => _session.UseAsync(this, work, cancellationToken);
}
