using Microsoft.Data.Sqlite;
using Orchestrator.Core.Versioning;

namespace Orchestrator.Storage.Sqlite;

/// <summary>The SQL of the <c>definition_versions</c> table and the mapping between its rows and <see cref="DefinitionVersion"/>.</summary>
internal static class DefinitionRows
{
    // Read() takes the columns by position, in this order.
    private const string Columns = "definition_id, version, content_hash, document, status, parent_version, author, reason, created_at";

    public const string Find = $"SELECT {Columns} FROM definition_versions WHERE definition_id = $definition_id AND version = $version";

    // The oldest version with this content: the one a re-publish of it returns.
    public const string FindByHash =
        $"SELECT {Columns} FROM definition_versions WHERE definition_id = $definition_id AND content_hash = $content_hash ORDER BY version LIMIT 1";

    public const string Latest = "SELECT COALESCE(MAX(version), 0) FROM definition_versions WHERE definition_id = $definition_id";

    public const string Insert =
        $"INSERT INTO definition_versions ({Columns}) VALUES ($definition_id, $version, $content_hash, $document, $status, " +
        "$parent_version, $author, $reason, $created_at)";

    public const string ListVersions = $"SELECT {Columns} FROM definition_versions WHERE definition_id = $definition_id ORDER BY version";

    public const string MarkPublished = "UPDATE definition_versions SET status = 'published' WHERE definition_id = $definition_id AND version = $version";

    public const string ListIds = "SELECT DISTINCT definition_id FROM definition_versions ORDER BY definition_id";

    public static void BindInsert(SqliteCommand command, DefinitionVersion version, string document)
    {
        var p = command.Parameters;
        p["$definition_id"].Value = version.DefinitionId;
        p["$version"].Value = version.Version;
        p["$content_hash"].Value = version.ContentHash;
        p["$document"].Value = document;
        p["$status"].Value = Status(version.Status);
        p["$parent_version"].Value = (object?)version.ParentVersion ?? DBNull.Value;
        p["$author"].Value = version.Author;
        p["$reason"].Value = version.Reason;
        p["$created_at"].Value = SqliteValues.Time(version.CreatedAt);
    }

    public static DefinitionVersion Read(SqliteDataReader row)
    {
        var reference = $"{row.GetString(0)}@{row.GetInt32(1)}";
        return new DefinitionVersion
        {
            DefinitionId = row.GetString(0),
            Version = row.GetInt32(1),
            ContentHash = row.GetString(2),
            Document = SqliteValues.ParseObject(row.GetString(3), $"the document of {reference}"),
            Status = ParseStatus(row.GetString(4), reference),
            ParentVersion = row.IsDBNull(5) ? null : row.GetInt32(5),
            Author = row.GetString(6),
            Reason = row.GetString(7),
            CreatedAt = SqliteValues.ParseTime(row.GetString(8)),
        };
    }

    private static string Status(DefinitionStatus status) => status switch
    {
        DefinitionStatus.Draft => "draft",
        DefinitionStatus.Published => "published",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown definition status"),
    };

    private static DefinitionStatus ParseStatus(string text, string reference) => text switch
    {
        "draft" => DefinitionStatus.Draft,
        "published" => DefinitionStatus.Published,
        _ => throw new InvalidDataException($"{reference} has the unknown status '{text}' in the store"),
    };
}
