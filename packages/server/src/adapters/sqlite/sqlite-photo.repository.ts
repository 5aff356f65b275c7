import type { PhotoReview } from "../../domain/approval.js";
import { decodeSortKeyCursor, keysetPage } from "../../domain/cursor.js";
import { ConflictError } from "../../domain/errors.js";
import { assertBatchLimit, assertPageRequest, type Page, type PageRequest } from "../../domain/page.js";
import { applyPhotoChanges, type Photo, type PhotoChanges, type PhotoStatus } from "../../domain/photo.js";
import { timelineTime } from "../../domain/timeline.js";
import type { Uploader } from "../../domain/uploader.js";
import type {
  ContentClaim,
  LabelCount,
  LabelScope,
  PhotoListFilter,
  PhotoRepository,
} from "../../ports/photo-repository.js";
import type { Database } from "./database.js";
import { GroupCommit } from "./group-commit.js";
import { applyMigrations } from "./migrations.js";
import { namedParameters } from "./named-parameters.js";
import { PhotoIndexes } from "./photo-indexes.js";
import { PHOTO_COLUMNS, PHOTO_MIGRATIONS, type PhotoRow, photoToRow, valuesToPhoto } from "./photo-rows.js";
import { SqlitePhotoUploaders } from "./photo-uploaders.js";
import { isConstraintViolation } from "./sqlite-errors.js";

type Partition = "event_id" | "owner_id";
type KeysetParams = {
  partition: string;
  status?: string;
  review?: string;
  limit: number;
  time?: number;
  id?: string;
};
type KeysetStatements = {
  first: { all(params: KeysetParams): unknown[][] };
  after: { all(params: KeysetParams): unknown[][] };
};

/**
 * Photo records in the embedded host's SQLite file. Synchronous underneath (better-sqlite3), async-shaped
 * to implement the port. Lists are keyset pages over composite indexes, never OFFSET; the label index and
 * content claims live in their own tables (`PhotoIndexes`), written in the same transaction as the photo.
 */
export class SqlitePhotoRepository implements PhotoRepository {
  private readonly insert;
  private readonly byId;
  private readonly update;
  private readonly remove;
  private readonly pendingExpired;
  private readonly countInStatus;
  private readonly lists;
  private readonly reviewList;
  private readonly indexes: PhotoIndexes;
  private readonly timeline;
  private readonly uploaders: SqlitePhotoUploaders;
  /** Uploads create photos in bursts (one per ticket): their inserts share commits. */
  private readonly writes: GroupCommit;

  private constructor(private readonly db: Database) {
    this.writes = new GroupCommit(db);
    this.insert = db.prepare<PhotoRow>(
      `INSERT INTO photos (${PHOTO_COLUMNS}) VALUES (${namedParameters(PHOTO_COLUMNS)})`,
    );
    this.byId = db.prepare<[string], unknown[]>(`SELECT ${PHOTO_COLUMNS} FROM photos WHERE id = ?`).raw();
    // Identity and placement columns are never rewritten, whatever a caller passes as changes.
    const immutable = new Set(["id", "owner_id", "event_id", "object_key", "created_at"]);
    const assignments = PHOTO_COLUMNS.split(", ")
      .filter((column) => !immutable.has(column))
      .map((column) => `${column} = @${column}`)
      .join(", ");
    this.update = db.prepare<PhotoRow>(`UPDATE photos SET ${assignments} WHERE id = @id`);
    this.remove = db.prepare<[string]>("DELETE FROM photos WHERE id = ?");
    // Counted over photos_by_event_status: a range of the index, never the table.
    this.countInStatus = db
      .prepare<[string, string], number>(
        "SELECT COUNT(*) FROM photos WHERE event_id = ? AND status = ? AND event_id IS NOT NULL",
      )
      .pluck();
    this.pendingExpired = db
      .prepare<[number, number], unknown[]>(
        `SELECT ${PHOTO_COLUMNS} FROM photos WHERE status = 'pending' AND upload_expires_at < ?
         ORDER BY upload_expires_at LIMIT ?`,
      )
      .raw();
    this.lists = {
      event_id: { any: this.keysetStatements("event_id"), status: this.keysetStatements("event_id", true) },
      owner_id: { any: this.keysetStatements("owner_id"), status: this.keysetStatements("owner_id", true) },
    };
    this.reviewList = this.keysetStatements("event_id", false, true);
    this.indexes = new PhotoIndexes(db);
    this.timeline = {
      first: db
        .prepare<{ eventId: string; limit: number }, unknown[]>(
          `SELECT ${PHOTO_COLUMNS} FROM photos WHERE event_id = @eventId
           ORDER BY timeline_at DESC, id DESC LIMIT @limit`,
        )
        .raw(),
      after: db
        .prepare<{ eventId: string; limit: number; time: number; id: string }, unknown[]>(
          `SELECT ${PHOTO_COLUMNS} FROM photos WHERE event_id = @eventId AND (timeline_at, id) < (@time, @id)
           ORDER BY timeline_at DESC, id DESC LIMIT @limit`,
        )
        .raw(),
    };
    this.uploaders = new SqlitePhotoUploaders(db);
  }

  /** Creates the photo tables if needed and prepares the statements. */
  static open(db: Database): SqlitePhotoRepository {
    applyMigrations(db, "photos", PHOTO_MIGRATIONS);
    return new SqlitePhotoRepository(db);
  }

  async create(photo: Photo): Promise<void> {
    try {
      await this.writes.run(() => {
        this.insert.run(photoToRow(photo));
        this.indexes.writeLabels(photo);
        this.uploaders.record(photo);
      });
    } catch (error) {
      if (isConstraintViolation(error, "PRIMARYKEY"))
        throw new ConflictError(`Photo ${photo.id} already exists`);
      throw error;
    }
  }

  async get(photoId: string): Promise<Photo | undefined> {
    const values = this.byId.get(photoId);
    return values === undefined ? undefined : valuesToPhoto(values);
  }

  async transition(
    photoId: string,
    from: readonly PhotoStatus[],
    changes: PhotoChanges,
  ): Promise<Photo | undefined> {
    // Read, check and write under one write lock: the equivalent of DynamoDB's conditional UpdateItem.
    return this.db
      .transaction(() => {
        const values = this.byId.get(photoId);
        const current = values === undefined ? undefined : valuesToPhoto(values);
        if (current === undefined || !from.includes(current.status)) return undefined;
        const next = applyPhotoChanges(current, changes);
        this.update.run(photoToRow(next));
        if ("labels" in changes) {
          this.indexes.deleteLabels(photoId);
          this.indexes.writeLabels(next);
        }
        return next;
      })
      .immediate();
  }

  async listByEvent(eventId: string, page: PageRequest, filter: PhotoListFilter = {}): Promise<Page<Photo>> {
    if (filter.ownerId !== undefined) {
      assertPageRequest(page);
      const rows = this.uploaders.photosOf(eventId, filter.ownerId, page.limit + 1, page.cursor);
      return keysetPage(rows, page.limit, valuesToPhoto, (photo) => [photo.createdAt.getTime(), photo.id]);
    }
    return this.list("event_id", eventId, page, filter);
  }

  async listForReview(eventId: string, review: PhotoReview, page: PageRequest): Promise<Page<Photo>> {
    assertPageRequest(page);
    return this.page(this.reviewList, { partition: eventId, review, limit: page.limit + 1 }, page);
  }

  async listByEventTimeline(eventId: string, page: PageRequest): Promise<Page<Photo>> {
    assertPageRequest(page);
    const params = { eventId, limit: page.limit + 1 };
    let rows: unknown[][];
    if (page.cursor === undefined) rows = this.timeline.first.all(params);
    else {
      const [time, id] = decodeSortKeyCursor(page.cursor);
      rows = this.timeline.after.all({ ...params, time, id });
    }
    return keysetPage(rows, page.limit, valuesToPhoto, (photo) => [timelineTime(photo), photo.id]);
  }

  async labelCountsByEvent(eventId: string): Promise<LabelCount[]> {
    return this.indexes.labelCounts({ eventId });
  }

  async listUploaders(eventId: string, limit: number): Promise<Uploader[]> {
    assertBatchLimit(limit);
    return this.uploaders.uploaders(eventId, limit);
  }

  async forgetUploaders(eventId: string): Promise<void> {
    this.uploaders.forgetEvent(eventId);
  }

  async listByOwner(ownerId: string, page: PageRequest, filter: PhotoListFilter = {}): Promise<Page<Photo>> {
    return this.list("owner_id", ownerId, page, filter);
  }

  async listByLabel(scope: LabelScope, label: string, page: PageRequest): Promise<Page<Photo>> {
    assertPageRequest(page);
    const after = page.cursor === undefined ? undefined : decodeSortKeyCursor(page.cursor);
    const rows = this.indexes.photosWithLabel(scope, label, page.limit + 1, after);
    return keysetPage(rows, page.limit, valuesToPhoto, (photo) => [photo.createdAt.getTime(), photo.id]);
  }

  async claimContent(claim: ContentClaim, options: { replacing?: string } = {}): Promise<string> {
    return this.db.transaction(() => this.indexes.claimContent(claim, options.replacing)).immediate();
  }

  async delete(photoId: string): Promise<void> {
    this.db.transaction(() => {
      this.remove.run(photoId);
      this.indexes.deleteLabels(photoId);
      this.indexes.releaseContent(photoId);
    })();
  }

  async countByEvent(eventId: string, status: PhotoStatus): Promise<number> {
    return this.countInStatus.get(eventId, status) as number;
  }

  async listPendingExpired(before: Date, limit: number): Promise<Photo[]> {
    assertBatchLimit(limit);
    return this.pendingExpired.all(before.getTime(), limit).map(valuesToPhoto);
  }

  private keysetStatements(partition: Partition, byStatus = false, byReview = false) {
    const select = `SELECT ${PHOTO_COLUMNS} FROM photos WHERE ${partition} = @partition${
      byStatus ? " AND status = @status" : ""
    }${byReview ? " AND review_list = @review" : ""}`;
    const order = "ORDER BY created_at DESC, id DESC LIMIT @limit";
    return {
      first: this.db.prepare<KeysetParams, unknown[]>(`${select} ${order}`).raw(),
      after: this.db
        .prepare<KeysetParams, unknown[]>(`${select} AND (created_at, id) < (@time, @id) ${order}`)
        .raw(),
    };
  }

  private list(partition: Partition, value: string, page: PageRequest, filter: PhotoListFilter): Page<Photo> {
    assertPageRequest(page);
    const statements = filter.status === undefined ? this.lists[partition].any : this.lists[partition].status;
    const params = {
      partition: value,
      limit: page.limit + 1,
      ...(filter.status === undefined ? {} : { status: filter.status }),
    };
    return this.page(statements, params, page);
  }

  private page(statements: KeysetStatements, params: KeysetParams, page: PageRequest): Page<Photo> {
    let rows: unknown[][];
    if (page.cursor === undefined) rows = statements.first.all(params);
    else {
      const [time, id] = decodeSortKeyCursor(page.cursor);
      rows = statements.after.all({ ...params, time, id });
    }
    return keysetPage(rows, page.limit, valuesToPhoto, (photo) => [photo.createdAt.getTime(), photo.id]);
  }
}
