import type Database from "better-sqlite3";

/**
 * The catalog's tables. Object keys live only here; blobs on disk are named by random ids, which is what
 * makes path traversal through a key impossible. `user_version` lets later versions migrate.
 */
export const SCHEMA_VERSION = 3;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS objects (
  bucket TEXT NOT NULL,
  key TEXT NOT NULL,
  blob_id TEXT NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  content_type TEXT,
  cache_control TEXT,
  content_disposition TEXT,
  content_encoding TEXT,
  content_language TEXT,
  expires TEXT,
  metadata TEXT NOT NULL,
  checksums TEXT NOT NULL,
  last_modified INTEGER NOT NULL,
  parts_count INTEGER,
  PRIMARY KEY (bucket, key)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS uploads (
  upload_id TEXT PRIMARY KEY,
  bucket TEXT NOT NULL,
  key TEXT NOT NULL,
  attributes TEXT NOT NULL,
  initiated INTEGER NOT NULL,
  initiator TEXT
);

-- ListMultipartUploads walks a bucket's uploads in (key, initiation) order; the expiry sweep walks by age.
CREATE INDEX IF NOT EXISTS uploads_by_key ON uploads (bucket, key, initiated, upload_id);
CREATE INDEX IF NOT EXISTS uploads_by_age ON uploads (initiated, upload_id);

CREATE TABLE IF NOT EXISTS parts (
  upload_id TEXT NOT NULL REFERENCES uploads (upload_id) ON DELETE CASCADE,
  part_number INTEGER NOT NULL,
  blob_id TEXT NOT NULL,
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  checksums TEXT NOT NULL,
  last_modified INTEGER NOT NULL,
  PRIMARY KEY (upload_id, part_number)
) WITHOUT ROWID;

-- Multipart uploads completed lately (since version 3): a CompleteMultipartUpload retried because its answer
-- was lost gets the same 200 again, as on S3, instead of NoSuchUpload. Pruned by age on every completion.
CREATE TABLE IF NOT EXISTS completed_uploads (
  upload_id TEXT PRIMARY KEY,
  bucket TEXT NOT NULL,
  key TEXT NOT NULL,
  etag TEXT NOT NULL,
  checksums TEXT NOT NULL,
  completed INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS completed_uploads_by_age ON completed_uploads (completed);

CREATE TABLE IF NOT EXISTS event_journal (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  message TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS counters (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
`;

/**
 * Brings a catalog created by an earlier version up to `SCHEMA_VERSION`, before `SCHEMA_SQL` runs (whose
 * indexes may name new columns). Version 2 records who initiated each multipart upload (`NULL` for uploads
 * started before, which are then shown with the requester as initiator).
 */
export function migrateSchema(db: Database.Database): void {
  const uploadColumns = db.pragma("table_info(uploads)") as { name: string }[];
  if (uploadColumns.length > 0 && !uploadColumns.some((column) => column.name === "initiator")) {
    db.exec("ALTER TABLE uploads ADD COLUMN initiator TEXT");
  }
}
