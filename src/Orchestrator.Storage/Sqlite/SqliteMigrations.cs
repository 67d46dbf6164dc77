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
        new(2, "versioned definitions, the model registry and alias journals", """
            -- Nothing here is ever updated or deleted but the alias rows: versions and journal entries are
            -- immutable, and a rollback is a new alias move. Every lookup goes through a primary key.
            CREATE TABLE definition_versions (
                definition_id  TEXT NOT NULL,
                version        INTEGER NOT NULL CHECK (version >= 1),
                content_hash   TEXT NOT NULL,
                document       TEXT NOT NULL,
                status         TEXT NOT NULL CHECK (status IN ('draft', 'published')),
                parent_version INTEGER,
                author         TEXT NOT NULL,
                reason         TEXT NOT NULL,
                created_at     TEXT NOT NULL,
                PRIMARY KEY (definition_id, version),
                FOREIGN KEY (definition_id, parent_version) REFERENCES definition_versions (definition_id, version)
            );
            -- Publishing the same content again finds the existing version without a scan. version is in the
            -- index too, so "the oldest with this hash" is read from it in order; without it SQLite prefers the
            -- primary key for the ORDER BY and walks every version of the id.
            CREATE INDEX definition_versions_by_hash ON definition_versions (definition_id, content_hash, version);

            -- kind keeps a workflow and a model of the same name apart.
            CREATE TABLE aliases (
                kind    TEXT NOT NULL CHECK (kind IN ('definition', 'model')),
                subject TEXT NOT NULL,
                alias   TEXT NOT NULL,
                version INTEGER NOT NULL,
                PRIMARY KEY (kind, subject, alias)
            );

            CREATE TABLE alias_moves (
                kind         TEXT NOT NULL CHECK (kind IN ('definition', 'model')),
                subject      TEXT NOT NULL,
                alias        TEXT NOT NULL,
                sequence     INTEGER NOT NULL CHECK (sequence >= 1),
                from_version INTEGER,
                to_version   INTEGER NOT NULL,
                at           TEXT NOT NULL,
                "by"         TEXT NOT NULL,
                reason       TEXT NOT NULL,
                evidence     TEXT,
                PRIMARY KEY (kind, subject, alias, sequence)
            );

            CREATE TABLE model_versions (
                name            TEXT NOT NULL,
                version         INTEGER NOT NULL CHECK (version >= 1),
                checkpoint_hash TEXT NOT NULL,
                metrics         TEXT NOT NULL,
                parent_version  INTEGER,
                run_id          TEXT,
                workflow        TEXT,
                evaluator       TEXT,
                dataset_hash    TEXT,
                seed            INTEGER,
                training_steps  INTEGER NOT NULL,
                tokens          INTEGER NOT NULL,
                seconds         REAL NOT NULL,
                created_by      TEXT NOT NULL,
                description     TEXT,
                created_at      TEXT NOT NULL,
                PRIMARY KEY (name, version),
                FOREIGN KEY (name, parent_version) REFERENCES model_versions (name, version)
            );
            """),
        new(3, "run leases: which process may execute a run", """
            -- Who executes the run and until when; a claim is one conditional UPDATE, so two processes can
            -- never both hold it.
            ALTER TABLE runs ADD COLUMN lease_owner TEXT;
            ALTER TABLE runs ADD COLUMN lease_until TEXT;
            """),
        new(4, "the self-edit journal: every proposal against a definition, accepted or refused", """
            CREATE TABLE definition_edits (
                definition_id  TEXT NOT NULL,
                sequence       INTEGER NOT NULL,
                parent_version INTEGER NOT NULL,
                editor         TEXT NOT NULL,
                patch          TEXT NOT NULL,
                accepted       INTEGER NOT NULL CHECK (accepted IN (0, 1)),
                rejections     TEXT NOT NULL,
                draft_version  INTEGER,
                rationale      TEXT,
                at             TEXT NOT NULL,
                PRIMARY KEY (definition_id, sequence)
            );
            """),
        new(5, "distribution: queued runs, schedules and their journal, attempts dispatched to workers", """
            -- A run enqueued for workers: the queue it waits on, and whether it still waits. Queued runs keep status
            -- 'running' (the status CHECK above cannot change without rebuilding the table, whose steps cascade).
            ALTER TABLE runs ADD COLUMN queue TEXT;
            ALTER TABLE runs ADD COLUMN queued INTEGER NOT NULL DEFAULT 0 CHECK (queued IN (0, 1));

            CREATE TABLE schedules (
                name             TEXT PRIMARY KEY NOT NULL,
                workflow_id      TEXT NOT NULL,
                workflow_version INTEGER,
                cron             TEXT NOT NULL,
                time_zone        TEXT NOT NULL,
                inputs           TEXT NOT NULL,
                queue            TEXT NOT NULL,
                overlap          TEXT NOT NULL CHECK (overlap IN ('skip', 'queue')),
                created_by       TEXT NOT NULL,
                created_at       TEXT NOT NULL,
                last_run_id      TEXT,
                last_fire_at     TEXT
            );

            -- Append-only, numbered across all schedules; kept when a schedule is deleted.
            CREATE TABLE schedule_journal (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                schedule TEXT NOT NULL,
                action   TEXT NOT NULL,
                actor    TEXT NOT NULL,
                at       TEXT NOT NULL,
                run_id   TEXT,
                detail   TEXT
            );
            CREATE INDEX schedule_journal_by_schedule ON schedule_journal (schedule, sequence);

            -- The outbox and inbox of attempts run by other workers: a worker writes the outcome once.
            CREATE TABLE dispatched_attempts (
                run_id      TEXT NOT NULL,
                step_key    TEXT NOT NULL,
                attempt     INTEGER NOT NULL CHECK (attempt >= 1),
                queue       TEXT NOT NULL,
                invocation  TEXT NOT NULL,
                outcome     TEXT,
                finished_by TEXT,
                created_at  TEXT NOT NULL,
                finished_at TEXT,
                PRIMARY KEY (run_id, step_key, attempt)
            );
            """),
        new(6, "API keys: their hashes, roles and revocations", """
            -- Only a key's SHA-256 is kept; the key itself is shown once, when it is made.
            CREATE TABLE api_keys (
                name       TEXT PRIMARY KEY,
                role       TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
                hash       TEXT NOT NULL UNIQUE,
                prefix     TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                revoked_at TEXT,
                revoked_by TEXT
            );
            """),
        new(7, "the journal of changes made through the server, by key", """
            -- Append-only: one row per change (POST, DELETE) a key made, with the answer's status.
            CREATE TABLE access_journal (
                sequence   INTEGER PRIMARY KEY AUTOINCREMENT,
                at         TEXT NOT NULL,
                key_name   TEXT NOT NULL,
                method     TEXT NOT NULL,
                path       TEXT NOT NULL,
                status     INTEGER NOT NULL,
                target     TEXT
            );
            """),
        new(8, "run control: the latest progress of each run, and requests to cancel runs", """
            -- One row per run, replaced by each report: a view of the running step for other processes, not a journal.
            -- No foreign key to runs, like dispatched_attempts: these rows are written beside a run, never inside its commit.
            CREATE TABLE run_progress (
                run_id   TEXT PRIMARY KEY NOT NULL,
                step_key TEXT NOT NULL,
                progress TEXT NOT NULL,
                at       TEXT NOT NULL
            );

            -- A pending request; the first one is kept until a resume withdraws it.
            CREATE TABLE run_cancel_requests (
                run_id TEXT PRIMARY KEY NOT NULL,
                "by"   TEXT NOT NULL,
                reason TEXT NOT NULL,
                at     TEXT NOT NULL
            );
            """),
        new(9, "what else a self-edit proposal recorded: its step and slot, the model that answered, tokens, why a slot was spent", """
            -- A JSON object, or NULL for proposals journalled before this version (they recorded none of it).
            ALTER TABLE definition_edits ADD COLUMN details TEXT;
            """),
        new(10, "model lineage: the teacher whose answers a version was trained on", """
            ALTER TABLE model_versions ADD COLUMN teacher TEXT;
            """),
    ];

    /// <summary>The newest table schema version this build knows.</summary>
    public static int Latest => All[^1].Version;
}
