-- The server's facts about itself, one text value per key.
-- `schema_version` is the number of the last migration applied; every later migration updates it.
-- `created_at` (UTC, RFC 3339) is written by the server on its first start, not here.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

INSERT INTO meta (key, value) VALUES ('schema_version', '1');
