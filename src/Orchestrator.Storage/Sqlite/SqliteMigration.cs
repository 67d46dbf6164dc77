namespace Orchestrator.Storage.Sqlite;

/// <summary>One step of the table schema: applied once, in order, and recorded in <c>schema_version</c>.</summary>
internal sealed record SqliteMigration(int Version, string Description, string Sql);
