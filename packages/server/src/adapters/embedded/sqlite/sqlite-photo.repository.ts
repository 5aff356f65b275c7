import { decodeSortKeyCursor, keysetPage } from "../../../domain/cursor.js";
import { ConflictError } from "../../../domain/errors.js";
import { assertBatchLimit, assertPageRequest, type Page, type PageRequest } from "../../../domain/page.js";
import { applyPhotoChanges, type Photo, type PhotoChanges, type PhotoStatus } from "../../../domain/photo.js";
import type { PhotoRepository } from "../../../ports/photo-repository.js";
import type { Database } from "./database.js";
import { applyMigrations } from "./migrations.js";
import { namedParameters } from "./named-parameters.js";
import { PHOTO_COLUMNS, PHOTO_MIGRATIONS, type PhotoRow, photoToRow, valuesToPhoto } from "./photo-rows.js";
import { isConstraintViolation } from "./sqlite-errors.js";

/**
 * Photo records in the embedded host's SQLite file. Synchronous underneath (better-sqlite3), async-shaped
 * to implement the port. Lists are keyset pages over composite indexes, never OFFSET.
 */
export class SqlitePhotoRepository implements PhotoRepository {
  private readonly insert;
  private readonly byId;
  private readonly update;
  private readonly remove;
  private readonly pendingExpired;
  private readonly byEvent;
  private readonly byOwner;

  private constructor(private readonly db: Database) {
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
    this.pendingExpired = db
      .prepare<[number, number], unknown[]>(
        `SELECT ${PHOTO_COLUMNS} FROM photos WHERE status = 'pending' AND upload_expires_at < ?
         ORDER BY upload_expires_at LIMIT ?`,
      )
      .raw();
    this.byEvent = this.keysetStatements("event_id");
    this.byOwner = this.keysetStatements("owner_id");
  }

  /** Creates the photos table if needed and prepares the statements. */
  static open(db: Database): SqlitePhotoRepository {
    applyMigrations(db, "photos", PHOTO_MIGRATIONS);
    return new SqlitePhotoRepository(db);
  }

  async create(photo: Photo): Promise<void> {
    try {
      this.insert.run(photoToRow(photo));
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
        return next;
      })
      .immediate();
  }

  async listByEvent(eventId: string, page: PageRequest): Promise<Page<Photo>> {
    return this.list(this.byEvent, eventId, page);
  }

  async listByOwner(ownerId: string, page: PageRequest): Promise<Page<Photo>> {
    return this.list(this.byOwner, ownerId, page);
  }

  async delete(photoId: string): Promise<void> {
    this.remove.run(photoId);
  }

  async listPendingExpired(before: Date, limit: number): Promise<Photo[]> {
    assertBatchLimit(limit);
    return this.pendingExpired.all(before.getTime(), limit).map(valuesToPhoto);
  }

  private keysetStatements(partition: "event_id" | "owner_id") {
    const select = `SELECT ${PHOTO_COLUMNS} FROM photos WHERE ${partition} = ?`;
    const order = "ORDER BY created_at DESC, id DESC LIMIT ?";
    return {
      first: this.db.prepare<[string, number], unknown[]>(`${select} ${order}`).raw(),
      after: this.db
        .prepare<[string, number, string, number], unknown[]>(
          `${select} AND (created_at, id) < (?, ?) ${order}`,
        )
        .raw(),
    };
  }

  private list(
    statements: ReturnType<SqlitePhotoRepository["keysetStatements"]>,
    partition: string,
    page: PageRequest,
  ): Page<Photo> {
    assertPageRequest(page);
    const fetch = page.limit + 1;
    const rows =
      page.cursor === undefined
        ? statements.first.all(partition, fetch)
        : statements.after.all(partition, ...decodeSortKeyCursor(page.cursor), fetch);
    return keysetPage(rows, page.limit, valuesToPhoto, (photo) => [photo.createdAt.getTime(), photo.id]);
  }
}
