import Database, { type Statement } from "better-sqlite3";
import { S3Error } from "../errors.js";
import {
  type ObjectRow,
  type PartRow,
  toObjectRecord,
  toObjectRow,
  toPartRecord,
  toUploadRecord,
  type UploadRow,
} from "./catalog-rows.js";
import type {
  CompletedUpload,
  ObjectRecord,
  PartRecord,
  UploadCursor,
  UploadRecord,
  WriteConditions,
} from "./records.js";
import { migrateSchema, SCHEMA_SQL, SCHEMA_VERSION } from "./schema.js";
import { checkWriteConditions } from "./write-conditions.js";

/** Builds the journal entries (serialized event messages) of a mutation once its sequencer is known. */
export type JournalEntries = (sequencer: string) => string[];

/** The fields of an object that reading its bytes needs. */
export interface ObjectForRead {
  blobId: string;
  size: number;
  etag: string;
  lastModified: Date;
  contentType?: string;
  cacheControl?: string;
}

type ObjectForReadRow = Pick<
  ObjectRow,
  "blob_id" | "size" | "etag" | "content_type" | "cache_control" | "last_modified"
>;

export interface JournalEntry {
  seq: number;
  message: string;
  attempts: number;
}

/**
 * The store's SQLite catalog: objects, multipart uploads and parts, and the event journal. Every mutation
 * that clients see is one transaction that also appends its events, so an acknowledged write always has
 * its notification recorded (at-least-once delivery survives a crash right after the response).
 */
export class Catalog {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Statement>();
  private readLookup: Statement<[string, string], ObjectForReadRow> | undefined;

  private constructor(db: Database.Database) {
    this.db = db;
  }

  /** Opens (creating when missing) the catalog at `path` in WAL mode. */
  static open(path: string): Catalog {
    const db = new Database(path);
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    migrateSchema(db);
    db.exec(SCHEMA_SQL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    return new Catalog(db);
  }

  close(): void {
    this.db.close();
  }

  /** Each SQL text is prepared once: preparing costs more than running these small statements. */
  private statement(sql: string): Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  getObject(bucket: string, key: string): ObjectRecord | undefined {
    const row = this.statement("SELECT * FROM objects WHERE bucket = ? AND key = ?").get(bucket, key) as
      | ObjectRow
      | undefined;
    return row && toObjectRecord(row);
  }

  /**
   * What reading an object needs (no metadata or checksums to decode), from a statement prepared once:
   * the in-process read path serves thumbnails thousands of times a second.
   */
  getObjectForRead(bucket: string, key: string): ObjectForRead | undefined {
    this.readLookup ??= this.db.prepare<[string, string], ObjectForReadRow>(
      `SELECT blob_id, size, etag, content_type, cache_control, last_modified FROM objects
       WHERE bucket = ? AND key = ?`,
    );
    const row = this.readLookup.get(bucket, key);
    if (!row) return undefined;
    return {
      blobId: row.blob_id,
      size: row.size,
      etag: row.etag,
      lastModified: new Date(row.last_modified),
      ...(row.content_type === null ? {} : { contentType: row.content_type }),
      ...(row.cache_control === null ? {} : { cacheControl: row.cache_control }),
    };
  }

  /**
   * Makes `record` the current object for its key, if `conditions` hold at this instant, and journals its
   * events. Returns the blob it replaced (to delete once the client has its answer).
   */
  commitObject(
    record: ObjectRecord,
    conditions: WriteConditions,
    events: JournalEntries,
  ): { replacedBlobId?: string } {
    return this.db
      .transaction(() => {
        const existing = this.getObject(record.bucket, record.key);
        checkWriteConditions(existing, conditions);
        this.statement(
          `INSERT OR REPLACE INTO objects (bucket, key, blob_id, size, etag, content_type, cache_control,
             content_disposition, content_encoding, content_language, expires, metadata, checksums,
             last_modified, parts_count)
           VALUES (@bucket, @key, @blob_id, @size, @etag, @content_type, @cache_control, @content_disposition,
             @content_encoding, @content_language, @expires, @metadata, @checksums, @last_modified, @parts_count)`,
        ).run(toObjectRow(record));
        this.appendJournal(events);
        return existing ? { replacedBlobId: existing.blobId } : {};
      })
      .immediate();
  }

  /** Removes the object, journaling its events; returns it (or `undefined` when there was none). */
  deleteObject(bucket: string, key: string, events: JournalEntries): ObjectRecord | undefined {
    return this.db
      .transaction(() => {
        const existing = this.getObject(bucket, key);
        if (!existing) return undefined;
        this.statement("DELETE FROM objects WHERE bucket = ? AND key = ?").run(bucket, key);
        this.appendJournal(events);
        return existing;
      })
      .immediate();
  }

  /**
   * One keyset page of `bucket`'s objects in key (UTF-8 byte) order, starting at `from` (inclusive) or
   * after it, and below `before` when given.
   */
  listObjects(
    bucket: string,
    range: { from: string; inclusive: boolean; before?: string; limit: number },
  ): ObjectRecord[] {
    const lower = range.inclusive ? "key >= ?" : "key > ?";
    const upper = range.before === undefined ? "" : " AND key < ?";
    const args: (string | number)[] = [bucket, range.from];
    if (range.before !== undefined) args.push(range.before);
    args.push(range.limit);
    const rows = this.statement(
      `SELECT * FROM objects WHERE bucket = ? AND ${lower}${upper} ORDER BY key LIMIT ?`,
    ).all(...args) as ObjectRow[];
    return rows.map(toObjectRecord);
  }

  createUpload(upload: UploadRecord): void {
    this.statement(
      `INSERT INTO uploads (upload_id, bucket, key, attributes, initiated, initiator)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      upload.uploadId,
      upload.bucket,
      upload.key,
      JSON.stringify(upload.attributes),
      upload.initiated.getTime(),
      upload.initiator ?? null,
    );
  }

  getUpload(uploadId: string): UploadRecord | undefined {
    const row = this.statement("SELECT * FROM uploads WHERE upload_id = ?").get(uploadId) as
      | UploadRow
      | undefined;
    return row && toUploadRecord(row);
  }

  /**
   * One keyset page of `bucket`'s uploads in (key, initiation time, upload id) order from `cursor` on, with
   * keys below `before` when given. A seek on the `uploads_by_key` index at any depth (no OFFSET).
   */
  listUploads(
    bucket: string,
    cursor: UploadCursor,
    before: string | undefined,
    limit: number,
  ): UploadRecord[] {
    const args: (string | number)[] = [bucket];
    let lower: string;
    if ("uploadId" in cursor) {
      lower = "(key, initiated, upload_id) > (?, ?, ?)";
      args.push(cursor.key, cursor.initiated, cursor.uploadId);
    } else {
      lower = cursor.inclusive ? "key >= ?" : "key > ?";
      args.push(cursor.key);
    }
    const upper = before === undefined ? "" : " AND key < ?";
    if (before !== undefined) args.push(before);
    args.push(limit);
    const rows = this.statement(
      `SELECT * FROM uploads WHERE bucket = ? AND ${lower}${upper}
       ORDER BY key, initiated, upload_id LIMIT ?`,
    ).all(...args) as UploadRow[];
    return rows.map(toUploadRecord);
  }

  /**
   * Up to `limit` uploads (of any bucket) initiated before `cutoff` (epoch ms), oldest first, after the
   * (initiated, uploadId) position `after`: the expiry sweep's keyset walk over the `uploads_by_age` index.
   */
  uploadsInitiatedBefore(
    cutoff: number,
    after: { initiated: number; uploadId: string } | undefined,
    limit: number,
  ): { uploadId: string; initiated: number }[] {
    return this.statement(
      `SELECT upload_id AS uploadId, initiated FROM uploads
       WHERE initiated < ? AND (initiated, upload_id) > (?, ?) ORDER BY initiated, upload_id LIMIT ?`,
    ).all(cutoff, after?.initiated ?? Number.MIN_SAFE_INTEGER, after?.uploadId ?? "", limit) as {
      uploadId: string;
      initiated: number;
    }[];
  }

  /** Records a part (replacing one with the same number); returns the replaced part's blob. */
  putPart(part: PartRecord): { replacedBlobId?: string } {
    return this.db
      .transaction(() => {
        if (!this.getUpload(part.uploadId)) throw noSuchUpload();
        const existing = this.statement(
          "SELECT blob_id FROM parts WHERE upload_id = ? AND part_number = ?",
        ).get(part.uploadId, part.partNumber) as { blob_id: string } | undefined;
        this.statement(
          `INSERT OR REPLACE INTO parts (upload_id, part_number, blob_id, size, etag, checksums, last_modified)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          part.uploadId,
          part.partNumber,
          part.blobId,
          part.size,
          part.etag,
          JSON.stringify(part.checksums),
          part.lastModified.getTime(),
        );
        return existing ? { replacedBlobId: existing.blob_id } : {};
      })
      .immediate();
  }

  /** Parts of an upload with a number above `afterPartNumber`, ascending. */
  listParts(uploadId: string, afterPartNumber = 0, limit = 10_000): PartRecord[] {
    const rows = this.statement(
      "SELECT * FROM parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?",
    ).all(uploadId, afterPartNumber, limit) as PartRow[];
    return rows.map(toPartRecord);
  }

  /**
   * Turns an upload into the object `record` (whose blob already holds the assembled parts), forgets the
   * upload and remembers its completion (forgetting completions older than `forgetCompletedBefore`).
   * Returns the blobs that are no longer referenced.
   */
  completeUpload(
    uploadId: string,
    record: ObjectRecord,
    conditions: WriteConditions,
    events: JournalEntries,
    forgetCompletedBefore: Date,
  ): { staleBlobIds: string[] } {
    return this.db
      .transaction(() => {
        if (!this.getUpload(uploadId)) throw noSuchUpload();
        const partBlobs = this.listParts(uploadId).map((p) => p.blobId);
        const { replacedBlobId } = this.commitObject(record, conditions, events);
        this.statement("DELETE FROM uploads WHERE upload_id = ?").run(uploadId);
        this.statement("DELETE FROM completed_uploads WHERE completed < ?").run(
          forgetCompletedBefore.getTime(),
        );
        this.statement(
          `INSERT OR REPLACE INTO completed_uploads (upload_id, bucket, key, etag, checksums, completed)
             VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(
          uploadId,
          record.bucket,
          record.key,
          record.etag,
          JSON.stringify(record.checksums),
          record.lastModified.getTime(),
        );
        return { staleBlobIds: replacedBlobId ? [...partBlobs, replacedBlobId] : partBlobs };
      })
      .immediate();
  }

  /** A multipart upload completed lately (see `completeUpload`), or undefined. */
  getCompletedUpload(uploadId: string): CompletedUpload | undefined {
    const row = this.statement(
      "SELECT upload_id, bucket, key, etag, checksums FROM completed_uploads WHERE upload_id = ?",
    ).get(uploadId) as
      | { upload_id: string; bucket: string; key: string; etag: string; checksums: string }
      | undefined;
    if (!row) return undefined;
    return {
      uploadId: row.upload_id,
      bucket: row.bucket,
      key: row.key,
      etag: row.etag,
      checksums: JSON.parse(row.checksums) as CompletedUpload["checksums"],
    };
  }

  /** Forgets an upload and its parts; returns the part blobs to delete. */
  abortUpload(uploadId: string): string[] {
    return this.db
      .transaction(() => {
        if (!this.getUpload(uploadId)) throw noSuchUpload();
        const partBlobs = this.listParts(uploadId).map((p) => p.blobId);
        this.statement("DELETE FROM uploads WHERE upload_id = ?").run(uploadId);
        return partBlobs;
      })
      .immediate();
  }

  /** Every blob id an object or a part refers to (for the start-up sweep of crash leftovers). */
  referencedBlobIds(): Set<string> {
    const rows = this.statement("SELECT blob_id FROM objects UNION SELECT blob_id FROM parts")
      .pluck()
      .all() as string[];
    return new Set(rows);
  }

  /** The oldest undelivered journal entry. */
  oldestEvent(): JournalEntry | undefined {
    return this.statement("SELECT seq, message, attempts FROM event_journal ORDER BY seq LIMIT 1").get() as
      | JournalEntry
      | undefined;
  }

  removeEvent(seq: number): void {
    this.statement("DELETE FROM event_journal WHERE seq = ?").run(seq);
  }

  recordFailedAttempt(seq: number): void {
    this.statement("UPDATE event_journal SET attempts = attempts + 1 WHERE seq = ?").run(seq);
  }

  private appendJournal(events: JournalEntries): void {
    const messages = events(this.nextSequencer());
    const insert = this.statement("INSERT INTO event_journal (message) VALUES (?)");
    for (const message of messages) insert.run(message);
  }

  /** A store-wide, monotonically increasing, fixed-width hex sequencer (S3's `s3.object.sequencer`). */
  private nextSequencer(): string {
    const value = this.statement(
      `INSERT INTO counters (name, value) VALUES ('sequencer', 1)
         ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
    )
      .pluck()
      .get() as number;
    return value.toString(16).toUpperCase().padStart(16, "0");
  }
}

function noSuchUpload(): S3Error {
  return new S3Error(
    "NoSuchUpload",
    "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
  );
}
