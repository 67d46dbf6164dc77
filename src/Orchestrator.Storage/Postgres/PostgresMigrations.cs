namespace Orchestrator.Storage.Postgres;

/// <summary>
/// The PostgreSQL table schema as an ordered list of migrations, the same tables and columns as the SQLite
/// store's. A released migration is never edited: a change is a new entry at the end, so every existing
/// database can be brought forward step by step.
/// </summary>
internal static class PostgresMigrations
{
    public static IReadOnlyList<PostgresMigration> All { get; } =
    [
        new(1, "runs and their step journals", """
            CREATE TABLE schema_version (
                version     integer PRIMARY KEY,
                description text NOT NULL,
                applied_at  text NOT NULL
            );

            -- format_version is RunRecord.CurrentSchemaVersion when the run was written: the shape of the
            -- record and its JSON, which can change without a table change (and the other way round).
            -- JSON is 'json', not 'jsonb': it keeps the text as written (key order, number spelling), as SQLite does.
            -- Times are text in SQLite's form, fixed-width UTC ISO-8601 with 100 ns ticks ('2025-03-14T09:26:53.5891230Z'):
            -- text order is time order, a time reads back exactly as it was written (timestamptz keeps only
            -- microseconds), and '…'::timestamptz still turns it into a time for a person querying by hand.
            CREATE TABLE runs (
                id               text PRIMARY KEY,
                format_version   integer NOT NULL,
                workflow_id      text NOT NULL,
                workflow_version integer NOT NULL,
                definition_hash  text NOT NULL,
                definitions      json NOT NULL,
                source_file      text,
                inputs           json NOT NULL,
                seed             bigint NOT NULL,
                status           text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
                state            json NOT NULL,
                position         text,
                output           json,
                error            json,
                steps_committed  integer NOT NULL,
                created_at       text NOT NULL,
                updated_at       text NOT NULL,
                -- SQLite's rowid: breaks ties between runs created at the same instant (the later insert is newer).
                created_order    bigint GENERATED ALWAYS AS IDENTITY
            );
            CREATE INDEX runs_by_created_at ON runs (created_at, created_order);

            CREATE TABLE steps (
                run_id           text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                key              text NOT NULL,
                step_id          text NOT NULL,
                pointer          text NOT NULL,
                kind             text NOT NULL,
                status           text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'skipped')),
                attempts         integer NOT NULL,
                first_started_at text,
                ended_at         text,
                output           json,
                state_changes    json,
                error            json,
                sequence         bigint NOT NULL,
                PRIMARY KEY (run_id, key)
            );
            -- Reads the journal in order, and finds the next sequence number (max + 1) without a scan.
            CREATE UNIQUE INDEX steps_by_sequence ON steps (run_id, sequence);
            """),
        new(2, "versioned definitions, the model registry and alias journals", """
            CREATE TABLE definition_versions (
                definition_id  text NOT NULL,
                version        integer NOT NULL CHECK (version > 0),
                content_hash   text NOT NULL,
                document       json NOT NULL,
                status         text NOT NULL CHECK (status IN ('draft', 'published')),
                parent_version integer,
                author         text NOT NULL,
                reason         text NOT NULL,
                created_at     text NOT NULL,
                PRIMARY KEY (definition_id, version),
                FOREIGN KEY (definition_id, parent_version) REFERENCES definition_versions (definition_id, version)
            );
            -- Publishing the same content again finds the oldest version with that hash from the index alone.
            CREATE INDEX definition_versions_by_hash ON definition_versions (definition_id, content_hash, version);

            CREATE TABLE model_versions (
                name            text NOT NULL,
                version         integer NOT NULL CHECK (version > 0),
                checkpoint_hash text NOT NULL,
                metrics         json NOT NULL,
                parent_version  integer,
                run_id          text,
                workflow        text,
                evaluator       text,
                dataset_hash    text,
                seed            bigint,
                training_steps  bigint NOT NULL,
                tokens          bigint NOT NULL,
                seconds         double precision NOT NULL,
                created_by      text NOT NULL,
                description     text,
                created_at      text NOT NULL,
                PRIMARY KEY (name, version),
                FOREIGN KEY (name, parent_version) REFERENCES model_versions (name, version)
            );

            -- Where each alias points now; kind says whose versions 'version' numbers.
            CREATE TABLE aliases (
                kind    text NOT NULL CHECK (kind IN ('definition', 'model')),
                subject text NOT NULL,
                alias   text NOT NULL,
                version integer NOT NULL,
                PRIMARY KEY (kind, subject, alias)
            );

            -- Append-only: every move of every alias, numbered from 1 per alias.
            CREATE TABLE alias_moves (
                kind         text NOT NULL CHECK (kind IN ('definition', 'model')),
                subject      text NOT NULL,
                alias        text NOT NULL,
                sequence     bigint NOT NULL CHECK (sequence > 0),
                from_version integer,
                to_version   integer NOT NULL,
                at           text NOT NULL,
                "by"         text NOT NULL,
                reason       text NOT NULL,
                evidence     json,
                PRIMARY KEY (kind, subject, alias, sequence)
            );
            """),
        new(3, "run leases: which process may execute a run", """
            -- Who executes the run and until when; a claim is one conditional UPDATE, so two processes can
            -- never both hold it.
            ALTER TABLE runs ADD COLUMN lease_owner text;
            ALTER TABLE runs ADD COLUMN lease_until text;
            """),
        new(4, "the self-edit journal: every proposal against a definition, accepted or refused", """
            CREATE TABLE definition_edits (
                definition_id  text NOT NULL,
                sequence       bigint NOT NULL,
                parent_version integer NOT NULL,
                editor         text NOT NULL,
                patch          json NOT NULL,
                accepted       boolean NOT NULL,
                rejections     json NOT NULL,
                draft_version  integer,
                rationale      text,
                at             text NOT NULL,
                PRIMARY KEY (definition_id, sequence)
            );
            """),
        new(5, "distribution: queued runs, schedules and their journal, attempts dispatched to workers, artifacts in the database", """
            -- As in SQLite: queued runs keep status 'running' with the flag set, so both backends store them alike.
            ALTER TABLE runs ADD COLUMN queue text;
            ALTER TABLE runs ADD COLUMN queued boolean NOT NULL DEFAULT false;

            CREATE TABLE schedules (
                name             text PRIMARY KEY,
                workflow_id      text NOT NULL,
                workflow_version integer,
                cron             text NOT NULL,
                time_zone        text NOT NULL,
                inputs           json NOT NULL,
                queue            text NOT NULL,
                overlap          text NOT NULL CHECK (overlap IN ('skip', 'queue')),
                created_by       text NOT NULL,
                created_at       text NOT NULL,
                last_run_id      text,
                last_fire_at     text
            );

            CREATE TABLE schedule_journal (
                sequence bigserial PRIMARY KEY,
                schedule text NOT NULL,
                action   text NOT NULL,
                actor    text NOT NULL,
                at       text NOT NULL,
                run_id   text,
                detail   text
            );
            CREATE INDEX schedule_journal_by_schedule ON schedule_journal (schedule, sequence);

            CREATE TABLE dispatched_attempts (
                run_id      text NOT NULL,
                step_key    text NOT NULL,
                attempt     integer NOT NULL CHECK (attempt >= 1),
                queue       text NOT NULL,
                invocation  json NOT NULL,
                outcome     json,
                finished_by text,
                created_at  text NOT NULL,
                finished_at text,
                PRIMARY KEY (run_id, step_key, attempt)
            );

            -- Content-addressed artifacts every worker can reach: the bytes in chunks, the row written last.
            CREATE TABLE artifacts (
                hash       text PRIMARY KEY,
                bytes      bigint NOT NULL,
                chunks     integer NOT NULL,
                created_at text NOT NULL
            );
            CREATE TABLE artifact_chunks (
                hash  text NOT NULL,
                part  integer NOT NULL,
                data  bytea NOT NULL,
                PRIMARY KEY (hash, part)
            );
            """),
        new(6, "API keys: their hashes, roles and revocations", """
            -- Only a key's SHA-256 is kept; the key itself is shown once, when it is made.
            CREATE TABLE api_keys (
                name       text PRIMARY KEY,
                role       text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
                hash       text NOT NULL UNIQUE,
                prefix     text NOT NULL,
                created_by text NOT NULL,
                created_at text NOT NULL,
                revoked_at text,
                revoked_by text
            );
            """),
        new(7, "the journal of changes made through the server, by key", """
            -- Append-only: one row per change (POST, DELETE) a key made, with the answer's status.
            CREATE TABLE access_journal (
                sequence   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at         text NOT NULL,
                key_name   text NOT NULL,
                method     text NOT NULL,
                path       text NOT NULL,
                status     integer NOT NULL,
                target     text
            );
            """),
        new(8, "run control: the latest progress of each run, and requests to cancel runs", """
            -- As in SQLite: one row per run replaced by each report, and the first pending cancel request per run.
            CREATE TABLE run_progress (
                run_id   text PRIMARY KEY,
                step_key text NOT NULL,
                progress json NOT NULL,
                at       text NOT NULL
            );

            CREATE TABLE run_cancel_requests (
                run_id text PRIMARY KEY,
                "by"   text NOT NULL,
                reason text NOT NULL,
                at     text NOT NULL
            );
            """),
        new(9, "what else a self-edit proposal recorded: its step and slot, the model that answered, tokens, why a slot was spent", """
            -- As in SQLite: a JSON object, or NULL for proposals journalled before this version.
            ALTER TABLE definition_edits ADD COLUMN details json;
            """),
        new(10, "model lineage: the teacher whose answers a version was trained on", """
            ALTER TABLE model_versions ADD COLUMN teacher text;
            """),
    ];

    /// <summary>The newest table schema version this build knows.</summary>
    public static int Latest => All[^1].Version;
}
