using System.Data.Common;
using Orchestrator.Core.Access;

namespace Orchestrator.Storage.Access;

/// <summary>API keys in the store's database, SQLite or PostgreSQL. Made by <see cref="StoreFactory"/>.</summary>
public sealed class RelationalApiKeyStore : IApiKeyStore, IDisposable
{
    private const string Columns = "name, role, hash, prefix, created_by, created_at, revoked_at, revoked_by";

    private readonly StoreConnections _connections;
    private readonly SqlDialect _d;

    internal RelationalApiKeyStore(StoreConnections connections, SqlDialect dialect) => (_connections, _d) = (connections, dialect);

    public Task CreateKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken) =>
        _connections.InTransactionAsync((connection, transaction) =>
        {
            using var insert = StoreConnections.Command(connection, transaction,
                $"INSERT INTO api_keys ({Columns}) VALUES ({_d.P("name")}, {_d.P("role")}, {_d.P("hash")}, {_d.P("prefix")}, {_d.P("created_by")}, " +
                $"{_d.P("created_at")}, NULL, NULL) ON CONFLICT DO NOTHING");
            StoredRows.Add(insert, "name", key.Name);
            StoredRows.Add(insert, "role", key.Role.Name());
            StoredRows.Add(insert, "hash", key.Hash);
            StoredRows.Add(insert, "prefix", key.Prefix);
            StoredRows.Add(insert, "created_by", key.CreatedBy);
            StoredRows.Add(insert, "created_at", StoredValues.Time(key.CreatedAt));
            if (insert.ExecuteNonQuery() == 0)
                throw new InvalidOperationException($"a key named {key.Name} exists already (names are never reused, even once revoked); choose another name");
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(CancellationToken cancellationToken) =>
        _connections.InTransactionAsync<IReadOnlyList<ApiKeyRecord>>((connection, transaction) =>
        {
            using var list = StoreConnections.Command(connection, transaction, $"SELECT {Columns} FROM api_keys ORDER BY name");
            return ReadAll(list);
        }, cancellationToken);

    public Task<ApiKeyRecord?> FindKeyByHashAsync(string hash, CancellationToken cancellationToken) =>
        _connections.InTransactionAsync((connection, transaction) =>
        {
            using var find = StoreConnections.Command(connection, transaction, $"SELECT {Columns} FROM api_keys WHERE hash = {_d.P("hash")}");
            StoredRows.Add(find, "hash", hash);
            return ReadAll(find).SingleOrDefault();
        }, cancellationToken);

    public Task<bool> RevokeKeyAsync(string name, string revokedBy, DateTimeOffset now, CancellationToken cancellationToken) =>
        _connections.InTransactionAsync((connection, transaction) =>
        {
            using var revoke = StoreConnections.Command(connection, transaction,
                $"UPDATE api_keys SET revoked_at = {_d.P("at")}, revoked_by = {_d.P("by")} WHERE name = {_d.P("name")} AND revoked_at IS NULL");
            StoredRows.Add(revoke, "at", StoredValues.Time(now));
            StoredRows.Add(revoke, "by", revokedBy);
            StoredRows.Add(revoke, "name", name);
            return revoke.ExecuteNonQuery() == 1;
        }, cancellationToken);

    public Task AppendAccessAsync(AccessEntry entry, CancellationToken cancellationToken) =>
        _connections.InTransactionAsync((connection, transaction) =>
        {
            using var insert = StoreConnections.Command(connection, transaction,
                $"INSERT INTO access_journal (at, key_name, method, path, status, target) VALUES ({_d.P("at")}, {_d.P("key")}, {_d.P("method")}, {_d.P("path")}, {_d.P("status")}, {_d.P("target")})");
            StoredRows.Add(insert, "at", StoredValues.Time(entry.At));
            StoredRows.Add(insert, "key", entry.Key);
            StoredRows.Add(insert, "method", entry.Method);
            StoredRows.Add(insert, "path", entry.Path);
            StoredRows.Add(insert, "status", entry.Status);
            StoredRows.Add(insert, "target", entry.Target);
            insert.ExecuteNonQuery();
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<AccessEntry>> ListAccessAsync(int limit, CancellationToken cancellationToken) =>
        _connections.InTransactionAsync<IReadOnlyList<AccessEntry>>((connection, transaction) =>
        {
            using var list = StoreConnections.Command(connection, transaction,
                $"SELECT sequence, at, key_name, method, path, status, target FROM access_journal ORDER BY sequence DESC LIMIT {_d.P("limit")}");
            StoredRows.Add(list, "limit", limit);
            using var reader = list.ExecuteReader();
            var entries = new List<AccessEntry>();
            while (reader.Read())
                entries.Add(new AccessEntry(StoredValues.ParseTime(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetInt32(5), StoredRows.Text(reader, 6)) { Sequence = reader.GetInt64(0) });
            return entries;
        }, cancellationToken);

    public void Dispose() => _connections.Dispose();

    private static List<ApiKeyRecord> ReadAll(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var keys = new List<ApiKeyRecord>();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            keys.Add(new ApiKeyRecord
            {
                Name = name,
                Role = ApiKeyRoles.TryParse(reader.GetString(1), out var role) ? role : throw new InvalidDataException($"key {name} has an unknown role '{reader.GetString(1)}'"),
                Hash = reader.GetString(2),
                Prefix = reader.GetString(3),
                CreatedBy = reader.GetString(4),
                CreatedAt = StoredValues.ParseTime(reader.GetString(5)),
                RevokedAt = StoredRows.Time(reader, 6),
                RevokedBy = StoredRows.Text(reader, 7),
            });
        }
        return keys;
    }
}
