-- PixelProof store, version 1. Valid for H2 2.x and PostgreSQL 12+ alike: keep to the types both understand
-- (VARCHAR, CHAR, BIGINT, TEXT, BYTEA, TIMESTAMP WITH TIME ZONE) and to plain foreign keys.
-- Every row belongs to one analysis and disappears with it (ON DELETE CASCADE, and the store deletes explicitly too).

-- One analysis: its JSON (org.pixelproof.analysis.Analysis through Jackson) and its retention.
CREATE TABLE analysis (
    id            VARCHAR(22)              NOT NULL PRIMARY KEY,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    verdict       VARCHAR(40)              NOT NULL,
    analysis_json TEXT                     NOT NULL
);
CREATE INDEX analysis_expires_at ON analysis (expires_at);

-- The uploaded bytes, exactly as received, with their SHA-256 (lower-case hex) checked on every read.
CREATE TABLE original_message (
    analysis_id VARCHAR(22) NOT NULL PRIMARY KEY REFERENCES analysis (id) ON DELETE CASCADE,
    sha256      CHAR(64)    NOT NULL,
    size_bytes  BIGINT      NOT NULL,
    content     BYTEA       NOT NULL
);

-- What the complainant typed in the dossier form (JSON), kept only to rebuild their dossier.
CREATE TABLE complainant (
    analysis_id  VARCHAR(22)              NOT NULL PRIMARY KEY REFERENCES analysis (id) ON DELETE CASCADE,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    details_json TEXT                     NOT NULL
);

-- Generated documents (dossier PDF, letters) cached per kind and language; dropped when the details change.
CREATE TABLE generated_document (
    analysis_id VARCHAR(22)              NOT NULL REFERENCES analysis (id) ON DELETE CASCADE,
    kind        VARCHAR(40)              NOT NULL,
    lang        VARCHAR(8)               NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    content     BYTEA                    NOT NULL,
    PRIMARY KEY (analysis_id, kind, lang)
);
