-- The documents citizens send (photos and scans), in the database so that every server behind
-- one address finds them (they were files on the disk of the server that received them).
-- `documents` describes each; its bytes are rows of `document_chunks`, 256 KB each, so that a
-- download reads and sends one chunk at a time (app/src/documents.rs).
-- `name` is the stored name the answer begins with (`<random letters>.<png|jpg|pdf>/<file name>`).
CREATE TABLE documents (
    draft_id TEXT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    -- UTC RFC 3339 (db::stamp): a document no answer names is removed a while after this.
    created_at TEXT NOT NULL,
    PRIMARY KEY (draft_id, name)
);

CREATE INDEX documents_created_at ON documents (created_at);

-- BYTEA is PostgreSQL's type for bytes. SQLite accepts the name too and keeps a BLOB as it is
-- whatever a column's declared type (its type affinity converts only text), so one migration
-- serves both engines.
CREATE TABLE document_chunks (
    draft_id TEXT NOT NULL,
    name TEXT NOT NULL,
    seq BIGINT NOT NULL,
    bytes BYTEA NOT NULL,
    PRIMARY KEY (draft_id, name, seq)
);
