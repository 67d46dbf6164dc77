-- A PostgreSQL store as table schema version 1 left it: runs and steps only, no definitions or registry.
-- Frozen: never edit this file to follow a later schema. Tests load it into a fresh database and open it
-- with the current code, which must migrate it and read the run as it was written.

CREATE TABLE schema_version (
    version     integer PRIMARY KEY,
    description text NOT NULL,
    applied_at  text NOT NULL
);

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
CREATE UNIQUE INDEX steps_by_sequence ON steps (run_id, sequence);

INSERT INTO schema_version (version, description, applied_at)
VALUES (1, 'runs and their step journals', '2025-03-14T09:00:00.0000000Z');

INSERT INTO runs (id, format_version, workflow_id, workflow_version, definition_hash, definitions, source_file, inputs, seed,
                  status, state, position, output, error, steps_committed, created_at, updated_at)
VALUES ('fixture-run-1', 1, 'self-improve-addition', 3, 'sha256:abc123',
        '{"self-improve-addition@3":{"id":"self-improve-addition","version":3,"steps":[{"id":"propose","uses":"learning/propose"},{"id":"train","uses":"learning/post-train"}]}}',
        'workflows/self-improve-addition.yaml',
        '{"rounds":12,"model":"addition@champion","name":"naïve – ünïcode ✓"}',
        9007199254740993, 'failed',
        '{"frontier":3,"dataset":"sha256:da7a000000000000000000000000000000000000000000000000000000000000"}',
        'train', NULL,
        '{"type":"exception:System.IO.IOException","message":"disk \"gone\"\nline two","stepKey":"train","pointer":"/steps/1","attempt":2}',
        1, '2025-03-14T09:26:53.5891230Z', '2025-03-14T09:27:10.0000010Z');

INSERT INTO steps (run_id, key, step_id, pointer, kind, status, attempts, first_started_at, ended_at, output, state_changes, error, sequence)
VALUES ('fixture-run-1', 'propose', 'propose', '/steps/0', 'learning/propose', 'succeeded', 1,
        '2025-03-14T09:26:54.0000000Z', '2025-03-14T09:26:55.5000000Z',
        '{"attempts":2048,"kept":[1,2,3]}', '{"frontier":3}', NULL, 1),
       ('fixture-run-1', 'train', 'train', '/steps/1', 'learning/post-train', 'failed', 2,
        '2025-03-14T09:26:56.0000000Z', '2025-03-14T09:27:10.0000000Z',
        NULL, NULL,
        '{"type":"exception:System.IO.IOException","message":"disk \"gone\"\nline two","stepKey":"train","pointer":"/steps/1","attempt":2}', 2);
