using System.Text.Json.Nodes;
using Npgsql;
using Orchestrator.Core.Aliases;
using Orchestrator.Core.Artifacts;
using Orchestrator.Core.Registry;

namespace Orchestrator.Storage.Postgres;

/// <summary>
/// The model registry in PostgreSQL: immutable versions with lineage, and journalled aliases. Registrations
/// of one model take turns (an advisory lock per name), so concurrent workers never pick the same version.
/// </summary>
public sealed class PostgresModelRegistry(PostgresStore store, TimeProvider? time = null) : IModelRegistry, IArtifactReferences
{
    private readonly NpgsqlDataSource _source = store.DataSource;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <exception cref="ArgumentException">The checkpoint hash is not an artifact hash.</exception>
    /// <exception cref="KeyNotFoundException">The lineage's parent is not a version of this model.</exception>
    public async Task<ModelVersion> RegisterAsync(RegisterModelRequest request, CancellationToken cancellationToken)
    {
        var name = StoreArguments.Text(request.Name, nameof(request.Name));
        StoreArguments.Hash(request.CheckpointHash, nameof(request.CheckpointHash));

        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await PostgresLocks.ModelAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false);

        int latest;
        await using (var command = new NpgsqlCommand(PostgresModelRows.Latest, connection, transaction))
        {
            command.Parameters.Add(PostgresParameters.Text("name", name));
            latest = (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        // Versions are numbered 1 to latest without gaps and never deleted, so the parent exists exactly when it is in that range.
        if (request.Lineage.ParentVersion is { } parent && (parent < 1 || parent > latest))
            throw new KeyNotFoundException(
                $"model '{name}' has no version {parent} to be the parent of the new version ({PostgresAliasJournal.Versions(latest)}); " +
                "a parent must be an existing version of the same model");

        var model = new ModelVersion
        {
            Name = name,
            Version = latest + 1,
            CheckpointHash = request.CheckpointHash,
            // Copies: the caller's objects stay theirs to change.
            Metrics = (JsonObject?)request.Metrics?.DeepClone() ?? new JsonObject(),
            Lineage = request.Lineage,
            CreatedBy = request.CreatedBy,
            Description = request.Description,
            CreatedAt = _time.GetUtcNow(),
        };
        await using (var insert = new NpgsqlCommand(PostgresModelRows.Insert, connection, transaction))
        {
            PostgresModelRows.BindInsert(insert.Parameters, model);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return model;
    }

    public async Task<ModelVersion?> GetAsync(string name, int version, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(PostgresModelRows.Find);
        command.Parameters.Add(PostgresParameters.Text("name", name));
        command.Parameters.Add(PostgresParameters.Int("version", version));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? PostgresModelRows.Read(reader) : null;
    }

    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(PostgresModelRows.Names);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) names.Add(reader.GetString(0));
        return names;
    }

    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(PostgresModelRows.ForModel);
        command.Parameters.Add(PostgresParameters.Text("name", name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new List<ModelVersion>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) versions.Add(PostgresModelRows.Read(reader));
        return versions;
    }

    public Task<IReadOnlyDictionary<string, int>> GetAliasesAsync(string name, CancellationToken cancellationToken) =>
        PostgresAliasJournal.Models.GetAllAsync(_source, name, cancellationToken);

    /// <exception cref="AliasConflictException">The alias is not where <see cref="AliasMoveRequest.ExpectedFrom"/> says; nothing changed.</exception>
    /// <exception cref="KeyNotFoundException">The model has no such version; nothing changed.</exception>
    public Task<AliasMove> MoveAliasAsync(AliasMoveRequest request, CancellationToken cancellationToken) =>
        PostgresAliasJournal.Models.MoveAsync(_source, request, _time.GetUtcNow(), cancellationToken);

    public Task<IReadOnlyList<AliasMove>> GetAliasHistoryAsync(string name, string alias, CancellationToken cancellationToken) =>
        PostgresAliasJournal.Models.HistoryAsync(_source, name, alias, cancellationToken);

    /// <summary>Every checkpoint and dataset hash of every version, each naming one version that holds it (<c>model NAME@VERSION</c>).</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetArtifactReferencesAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(PostgresModelRows.ArtifactHashes);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var model = $"model {reader.GetString(0)}@{reader.GetInt32(1)}";
            references.TryAdd(reader.GetString(2), model);
            // The dataset hash is lineage, not checked on registration: only a real artifact hash is a reference.
            if (PostgresValues.NullableString(reader, 3) is { } dataset && ArtifactHash.IsValid(dataset)) references.TryAdd(dataset, model);
        }
        return references;
    }
}
