namespace Orchestrator.Storage.Postgres;

/// <summary>One step of the PostgreSQL table schema: applied once, in order, and recorded in <c>schema_version</c>.</summary>
internal sealed record PostgresMigration(int Version, string Description, string Sql);
