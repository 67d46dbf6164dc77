namespace Orchestrator.Storage.Sqlite;

/// <summary>
/// The table schema as an ordered list of migrations. A released migration is never edited: a change is a
/// new entry at the end, so every existing store file can be brought forward step by step.
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<SqliteMigration> All { get; } =
    [
        new(1, "runs and their step journals", """
            CREATE TABLE schema_version (
                version     INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                applied_at  TEXT NOT NULL
            );

            -- format_version is RunRecord.CurrentSchemaVersion when the run was written: the shape of the
            -- record and its JSON, which can change without a table change (and the other way round).
            CREATE TABLE runs (
                id               TEXT PRIMARY KEY NOT NULL,
                format_version   INTEGER NOT NULL,
                workflow_id      TEXT NOT NULL,
                workflow_version INTEGER NOT NULL,
                definition_hash  TEXT NOT NULL,
                definitions      TEXT NOT NULL,
                source_file      TEXT,
                inputs           TEXT NOT NULL,
                seed             INTEGER NOT NULL,
                status           TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
                state            TEXT NOT NULL,
                position         TEXT,
                output           TEXT,
                error            TEXT,
                steps_committed  INTEGER NOT NULL,
                created_at       TEXT NOT NULL,
                updated_at       TEXT NOT NULL
            );
            CREATE INDEX runs_by_created_at ON runs (created_at);

            CREATE TABLE steps (
                run_id           TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                key              TEXT NOT NULL,
                step_id          TEXT NOT NULL,
                pointer          TEXT NOT NULL,
                kind             TEXT NOT NULL,
                status           TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'skipped')),
                attempts         INTEGER NOT NULL,
                first_started_at TEXT,
                ended_at         TEXT,
                output           TEXT,
                state_changes    TEXT,
                error            TEXT,
                sequence         INTEGER NOT NULL,
                PRIMARY KEY (run_id, key)
            );
            -- Reads the journal in order, and finds the next sequence number (max + 1) without a scan.
            CREATE UNIQUE INDEX steps_by_sequence ON steps (run_id, sequence);
            """),
    ];

    /// <summary>The newest table schema version this build knows.</summary>
    public static int Latest => All[^1].Version;
}
