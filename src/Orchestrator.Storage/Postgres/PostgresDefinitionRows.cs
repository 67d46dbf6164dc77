using Npgsql;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Storage.Postgres;

/// <summary>The SQL of the <c>definition_versions</c> table and the mapping between its rows and <see cref="DefinitionVersion"/>.</summary>
internal static class PostgresDefinitionRows
{
    // Read() takes the columns by position, in this order.
    private const string Columns = "definition_id, version, content_hash, document, status, parent_version, author, reason, created_at";

    public const string Find = $"SELECT {Columns} FROM definition_versions WHERE definition_id = @id AND version = @version";

    public const string FindByContent =
        $"SELECT {Columns} FROM definition_versions WHERE definition_id = @id AND content_hash = @content_hash ORDER BY version LIMIT 1";

    public const string ForDefinition = $"SELECT {Columns} FROM definition_versions WHERE definition_id = @id ORDER BY version";

    // COLLATE "C": ordered by code point whatever the database's collation, as SQLite orders text.
    public const string Ids = "SELECT definition_id FROM definition_versions GROUP BY definition_id ORDER BY definition_id COLLATE \"C\"";

    public const string MarkPublished = "UPDATE definition_versions SET status = 'published' WHERE definition_id = @id AND version = @version";

    public const string Latest = "SELECT COALESCE(MAX(version), 0) FROM definition_versions WHERE definition_id = @id";

    public const string Insert =
        "INSERT INTO definition_versions (definition_id, version, content_hash, document, status, parent_version, author, reason, created_at) " +
        "VALUES (@id, @version, @content_hash, @document, @status, @parent_version, @author, @reason, @created_at)";

    public static void BindInsert(NpgsqlParameterCollection p, DefinitionVersion version)
    {
        p.Add(PostgresParameters.Text("id", version.DefinitionId));
        p.Add(PostgresParameters.Int("version", version.Version));
        p.Add(PostgresParameters.Text("content_hash", version.ContentHash));
        p.Add(PostgresParameters.Json("document", version.Document.ToJsonString()));
        p.Add(PostgresParameters.Text("status", Status(version.Status)));
        p.Add(PostgresParameters.Int("parent_version", version.ParentVersion));
        p.Add(PostgresParameters.Text("author", version.Author));
        p.Add(PostgresParameters.Text("reason", version.Reason));
        p.Add(PostgresParameters.Time("created_at", version.CreatedAt));
    }

    public static DefinitionVersion Read(NpgsqlDataReader row)
    {
        var id = row.GetString(0);
        var version = row.GetInt32(1);
        return new DefinitionVersion
        {
            DefinitionId = id,
            Version = version,
            ContentHash = row.GetString(2),
            Document = PostgresValues.ParseObject(row.GetString(3), $"definition {id}@{version}"),
            Status = ParseStatus(row.GetString(4)),
            ParentVersion = PostgresValues.NullableInt(row, 5),
            Author = row.GetString(6),
            Reason = row.GetString(7),
            CreatedAt = PostgresValues.Time(row, 8),
        };
    }

    private static string Status(DefinitionStatus status) => status switch
    {
        DefinitionStatus.Draft => "draft",
        DefinitionStatus.Published => "published",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown definition status"),
    };

    private static DefinitionStatus ParseStatus(string text) => text switch
    {
        "draft" => DefinitionStatus.Draft,
        "published" => DefinitionStatus.Published,
        _ => throw new InvalidDataException($"unknown definition status '{text}' in the store"),
    };
}
