-- Accounts, sessions and the sync log (issue 7). Portable SQL: the same file runs on SQLite and
-- PostgreSQL (BIGINT, TEXT, no autoincrement; ids are drawn by the server).
-- Times are ms since the Unix epoch (UTC).

-- One business's base. `last_seq` is the account's sequence number of its last stored change;
-- changes up to `snapshot_seq` are folded into `snapshots` and gone from `changes`.
CREATE TABLE accounts (
    id            BIGINT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_seq      BIGINT NOT NULL DEFAULT 0,
    snapshot_seq  BIGINT NOT NULL DEFAULT 0
);

-- Signed-in sessions: only the SHA-256 of each bearer token is kept.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- Per client of an account, its last mutation applied: a retried push never applies twice.
CREATE TABLE sync_clients (
    account_id        BIGINT NOT NULL REFERENCES accounts (id),
    client_id         TEXT NOT NULL,
    last_mutation_seq BIGINT NOT NULL,
    PRIMARY KEY (account_id, client_id)
);

-- The log of stored changes: one mutation (JSON, as the core's `stored_form` gives it) per
-- account sequence number.
CREATE TABLE changes (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    seq        BIGINT NOT NULL,
    mutation   TEXT NOT NULL,
    PRIMARY KEY (account_id, seq)
);

-- What is left of an erased contact: its id, when, and the change that erased it.
CREATE TABLE erasures (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    contact_id BIGINT NOT NULL,
    erased_at  BIGINT NOT NULL,
    seq        BIGINT NOT NULL,
    PRIMARY KEY (account_id, contact_id)
);

-- The merged state (the core's `Replica`, JSON) of each account up to its `snapshot_seq`.
CREATE TABLE snapshots (
    account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
    replica    TEXT NOT NULL
);

UPDATE meta SET value = '2' WHERE key = 'schema_version';
