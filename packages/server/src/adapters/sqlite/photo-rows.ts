import { type PhotoReview, reviewListOf } from "../../domain/approval.js";
import type { Photo, PhotoStatus, PipelineStep } from "../../domain/photo.js";
import { timelineTime } from "../../domain/timeline.js";
import type { Database } from "./database.js";
import type { Migration } from "./migrations.js";

/** The `photos` table as SQLite returns it: dates as epoch milliseconds, absent values as NULL. */
export interface PhotoRow {
  id: string;
  owner_id: string;
  event_id: string | null;
  object_key: string;
  filename: string;
  content_type: string;
  declared_size: number;
  title: string | null;
  description: string | null;
  status: string;
  status_reason: string | null;
  size: number | null;
  width: number | null;
  height: number | null;
  format: string | null;
  etag: string | null;
  taken_at: number | null;
  created_at: number;
  updated_at: number;
  upload_expires_at: number;
  failed_step: string | null;
  duplicate_of: string | null;
  sha256: string | null;
  orientation: number | null;
  color_profile: string | null;
  blurhash: string | null;
  /** JSON: nested values the pipeline records and only ever reads back whole (never queried by). */
  camera: string | null;
  exposure: string | null;
  gps: string | null;
  variants: string | null;
  labels: string | null;
  moderation: string | null;
  guest_name: string | null;
  review: string | null;
  /** `reviewListOf(photo)`, written with every row: what the review index is keyed by (NULL: on no list). */
  review_list: string | null;
  taken_at_offset: string | null;
  /** Derived (`timelineTime`), never read back: the timeline index's sort time. */
  timeline_at: number;
  uploader_name: string | null;
  guest_key_hash: string | null;
}

/**
 * Schema history of the photos table. The list indexes carry the full sort key so that a keyset page is
 * one index range scan at any depth; the pending index is partial, like DynamoDB's sparse index.
 */
export const PHOTO_MIGRATIONS: readonly Migration[] = [
  (db: Database) =>
    db.exec(`
      CREATE TABLE photos (
        id TEXT PRIMARY KEY,
        owner_id TEXT NOT NULL,
        event_id TEXT,
        object_key TEXT NOT NULL,
        filename TEXT NOT NULL,
        content_type TEXT NOT NULL,
        declared_size INTEGER NOT NULL,
        title TEXT,
        description TEXT,
        status TEXT NOT NULL,
        status_reason TEXT,
        size INTEGER,
        width INTEGER,
        height INTEGER,
        format TEXT,
        etag TEXT,
        taken_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        upload_expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX photos_by_event ON photos (event_id, created_at DESC, id DESC) WHERE event_id IS NOT NULL;
      CREATE INDEX photos_by_owner ON photos (owner_id, created_at DESC, id DESC);
      CREATE INDEX photos_pending_by_expiry ON photos (upload_expires_at) WHERE status = 'pending';
    `),
  // The pipeline's results; per-status lists (the moderation queue); the label index and content claims,
  // shaped like the DynamoDB items they stand for (a label item per scope, a hash item per scope).
  (db: Database) =>
    db.exec(`
      ALTER TABLE photos ADD COLUMN failed_step TEXT;
      ALTER TABLE photos ADD COLUMN duplicate_of TEXT;
      ALTER TABLE photos ADD COLUMN sha256 TEXT;
      ALTER TABLE photos ADD COLUMN orientation INTEGER;
      ALTER TABLE photos ADD COLUMN color_profile TEXT;
      ALTER TABLE photos ADD COLUMN blurhash TEXT;
      ALTER TABLE photos ADD COLUMN camera TEXT;
      ALTER TABLE photos ADD COLUMN exposure TEXT;
      ALTER TABLE photos ADD COLUMN gps TEXT;
      ALTER TABLE photos ADD COLUMN variants TEXT;
      ALTER TABLE photos ADD COLUMN labels TEXT;
      ALTER TABLE photos ADD COLUMN moderation TEXT;
      CREATE INDEX photos_by_event_status ON photos (event_id, status, created_at DESC, id DESC)
        WHERE event_id IS NOT NULL;
      CREATE INDEX photos_by_owner_status ON photos (owner_id, status, created_at DESC, id DESC);
      CREATE TABLE photo_labels (
        scope TEXT NOT NULL,
        label TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        photo_id TEXT NOT NULL,
        PRIMARY KEY (scope, label, created_at, photo_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX photo_labels_by_photo ON photo_labels (photo_id);
      CREATE TABLE photo_content_claims (
        scope TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        photo_id TEXT NOT NULL,
        PRIMARY KEY (scope, sha256)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX photo_content_claims_by_photo ON photo_content_claims (photo_id);
    `),
  // Guest uploads through an event's upload link carry the name the guest typed.
  (db: Database) => db.exec("ALTER TABLE photos ADD COLUMN guest_name TEXT"),
  // The list indexes in ascending order: SQLite walks them backwards for newest-first pages just as fast,
  // while each new photo now lands at the end of its partition instead of its start, where B-tree inserts
  // split pages in half. A ticket's pending-photo insert costs ~35% less.
  (db: Database) =>
    db.exec(`
      DROP INDEX photos_by_event;
      DROP INDEX photos_by_owner;
      DROP INDEX photos_by_event_status;
      DROP INDEX photos_by_owner_status;
      CREATE INDEX photos_by_event ON photos (event_id, created_at, id) WHERE event_id IS NOT NULL;
      CREATE INDEX photos_by_owner ON photos (owner_id, created_at, id);
      CREATE INDEX photos_by_event_status ON photos (event_id, status, created_at, id)
        WHERE event_id IS NOT NULL;
      CREATE INDEX photos_by_owner_status ON photos (owner_id, status, created_at, id);
    `),
  // Approval mode (issue #13): a photo's review state, and the event's review lists as a partial index
  // (like DynamoDB's sparse one), so a review page is one range scan however large the event.
  (db: Database) =>
    db.exec(`
      ALTER TABLE photos ADD COLUMN review TEXT CHECK (review IN ('waiting', 'rejected'));
      ALTER TABLE photos ADD COLUMN review_list TEXT;
      CREATE INDEX photos_by_event_review ON photos (event_id, review_list, created_at, id)
        WHERE review_list IS NOT NULL;
    `),
  // The timeline: an event's photos by capture time (else upload time), as `timelineTime` computes it; the
  // camera's UTC offset, so the client can show the day where the photo was taken.
  (db: Database) =>
    db.exec(`
      ALTER TABLE photos ADD COLUMN taken_at_offset TEXT;
      ALTER TABLE photos ADD COLUMN timeline_at INTEGER;
      UPDATE photos SET timeline_at =
        CASE WHEN taken_at >= 0 AND taken_at < 1000000000000000 THEN taken_at ELSE created_at END;
      CREATE INDEX photos_by_event_timeline ON photos (event_id, timeline_at, id) WHERE event_id IS NOT NULL;
    `),
  // Attribution: who uploaded (their name at ticket time), a guest's delete capability (its hash), the
  // gallery's "uploaded by" filter (an event + owner index) and the event's uploaders for its menu (one
  // row per event and owner, like DynamoDB's uploader items).
  (db: Database) =>
    db.exec(`
      ALTER TABLE photos ADD COLUMN uploader_name TEXT;
      ALTER TABLE photos ADD COLUMN guest_key_hash TEXT;
      CREATE INDEX photos_by_event_owner ON photos (event_id, owner_id, created_at, id)
        WHERE event_id IS NOT NULL;
      CREATE TABLE photo_uploaders (
        event_id TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (event_id, owner_id)
      ) STRICT, WITHOUT ROWID;
    `),
];

const PHOTO_COLUMN_NAMES = [
  "id",
  "owner_id",
  "event_id",
  "object_key",
  "filename",
  "content_type",
  "declared_size",
  "title",
  "description",
  "status",
  "status_reason",
  "size",
  "width",
  "height",
  "format",
  "etag",
  "taken_at",
  "created_at",
  "updated_at",
  "upload_expires_at",
  "failed_step",
  "duplicate_of",
  "sha256",
  "orientation",
  "color_profile",
  "blurhash",
  "camera",
  "exposure",
  "gps",
  "variants",
  "labels",
  "moderation",
  "guest_name",
  "review",
  "review_list",
  "taken_at_offset",
  "timeline_at",
  "uploader_name",
  "guest_key_hash",
] as const satisfies readonly (keyof PhotoRow)[];

export const PHOTO_COLUMNS = PHOTO_COLUMN_NAMES.join(", ");

/** A raw row typed loosely: every column value is one of SQLite's types as better-sqlite3 returns them. */
// biome-ignore lint/suspicious/noExplicitAny: values are checked by the schema's column types, not here
type PhotoRowValues = readonly any[];

const position = Object.fromEntries(PHOTO_COLUMN_NAMES.map((name, index) => [name, index])) as Record<
  keyof PhotoRow,
  number
>;

/**
 * A row read in raw mode (values in `PHOTO_COLUMNS` order) as a `PhotoRow`. Raw mode halves the cost of
 * a page: better-sqlite3 builds wide row objects slowly (measured with 20 columns: ~240 µs for 51 rows as objects, ~110 µs raw).
 */
export function valuesToPhotoRow(values: readonly unknown[]): PhotoRow {
  // Plain indexed reads in one object literal: a helper closure per field made this 6× slower.
  const v = values as PhotoRowValues;
  const at = position;
  return {
    id: v[at.id],
    owner_id: v[at.owner_id],
    event_id: v[at.event_id],
    object_key: v[at.object_key],
    filename: v[at.filename],
    content_type: v[at.content_type],
    declared_size: v[at.declared_size],
    title: v[at.title],
    description: v[at.description],
    status: v[at.status],
    status_reason: v[at.status_reason],
    size: v[at.size],
    width: v[at.width],
    height: v[at.height],
    format: v[at.format],
    etag: v[at.etag],
    taken_at: v[at.taken_at],
    created_at: v[at.created_at],
    updated_at: v[at.updated_at],
    upload_expires_at: v[at.upload_expires_at],
    failed_step: v[at.failed_step],
    duplicate_of: v[at.duplicate_of],
    sha256: v[at.sha256],
    orientation: v[at.orientation],
    color_profile: v[at.color_profile],
    blurhash: v[at.blurhash],
    camera: v[at.camera],
    exposure: v[at.exposure],
    gps: v[at.gps],
    variants: v[at.variants],
    labels: v[at.labels],
    moderation: v[at.moderation],
    guest_name: v[at.guest_name],
    review: v[at.review],
    review_list: v[at.review_list],
    taken_at_offset: v[at.taken_at_offset],
    timeline_at: v[at.timeline_at],
    uploader_name: v[at.uploader_name],
    guest_key_hash: v[at.guest_key_hash],
  };
}

/** Maps a raw row (values in `PHOTO_COLUMNS` order) to a photo. */
export function valuesToPhoto(values: readonly unknown[]): Photo {
  return rowToPhoto(valuesToPhotoRow(values));
}

export function photoToRow(photo: Photo): PhotoRow {
  return {
    id: photo.id,
    owner_id: photo.ownerId,
    event_id: photo.eventId ?? null,
    object_key: photo.objectKey,
    filename: photo.filename,
    content_type: photo.contentType,
    declared_size: photo.declaredSize,
    title: photo.title ?? null,
    description: photo.description ?? null,
    status: photo.status,
    status_reason: photo.statusReason ?? null,
    size: photo.size ?? null,
    width: photo.width ?? null,
    height: photo.height ?? null,
    format: photo.format ?? null,
    etag: photo.etag ?? null,
    taken_at: photo.takenAt?.getTime() ?? null,
    created_at: photo.createdAt.getTime(),
    updated_at: photo.updatedAt.getTime(),
    upload_expires_at: photo.uploadExpiresAt.getTime(),
    failed_step: photo.failedStep ?? null,
    duplicate_of: photo.duplicateOf ?? null,
    sha256: photo.sha256 ?? null,
    orientation: photo.orientation ?? null,
    color_profile: photo.colorProfile ?? null,
    blurhash: photo.blurhash ?? null,
    camera: toJson(photo.camera),
    exposure: toJson(photo.exposure),
    gps: toJson(photo.gps),
    variants: toJson(photo.variants),
    labels: toJson(photo.labels),
    moderation: toJson(photo.moderation),
    guest_name: photo.guestName ?? null,
    review: photo.review ?? null,
    review_list: reviewListOf(photo) ?? null,
    taken_at_offset: photo.takenAtOffset ?? null,
    timeline_at: timelineTime(photo),
    uploader_name: photo.uploaderName ?? null,
    guest_key_hash: photo.guestKeyHash ?? null,
  };
}

export function rowToPhoto(row: PhotoRow): Photo {
  const photo: Photo = {
    id: row.id,
    ownerId: row.owner_id,
    objectKey: row.object_key,
    filename: row.filename,
    contentType: row.content_type,
    declaredSize: row.declared_size,
    status: row.status as PhotoStatus,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    uploadExpiresAt: new Date(row.upload_expires_at),
  };
  // Absent stays absent (no `undefined` properties), so photos compare equal whichever adapter stored them.
  if (row.event_id !== null) photo.eventId = row.event_id;
  if (row.title !== null) photo.title = row.title;
  if (row.description !== null) photo.description = row.description;
  if (row.guest_name !== null) photo.guestName = row.guest_name;
  if (row.uploader_name !== null) photo.uploaderName = row.uploader_name;
  if (row.guest_key_hash !== null) photo.guestKeyHash = row.guest_key_hash;
  if (row.status_reason !== null) photo.statusReason = row.status_reason;
  if (row.size !== null) photo.size = row.size;
  if (row.width !== null) photo.width = row.width;
  if (row.height !== null) photo.height = row.height;
  if (row.format !== null) photo.format = row.format;
  if (row.etag !== null) photo.etag = row.etag;
  if (row.taken_at !== null) photo.takenAt = new Date(row.taken_at);
  if (row.taken_at_offset !== null) photo.takenAtOffset = row.taken_at_offset;
  if (row.failed_step !== null) photo.failedStep = row.failed_step as PipelineStep;
  if (row.duplicate_of !== null) photo.duplicateOf = row.duplicate_of;
  if (row.sha256 !== null) photo.sha256 = row.sha256;
  if (row.orientation !== null) photo.orientation = row.orientation;
  if (row.color_profile !== null) photo.colorProfile = row.color_profile;
  if (row.blurhash !== null) photo.blurhash = row.blurhash;
  if (row.camera !== null) photo.camera = JSON.parse(row.camera);
  if (row.exposure !== null) photo.exposure = JSON.parse(row.exposure);
  if (row.gps !== null) photo.gps = JSON.parse(row.gps);
  if (row.variants !== null) photo.variants = JSON.parse(row.variants);
  if (row.labels !== null) photo.labels = JSON.parse(row.labels);
  if (row.moderation !== null) photo.moderation = JSON.parse(row.moderation);
  if (row.review !== null) photo.review = row.review as PhotoReview;
  return photo;
}

function toJson(value: object | undefined): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
