import { decodeSortKeyCursor } from "../../domain/cursor.js";
import type { Photo } from "../../domain/photo.js";
import type { Uploader } from "../../domain/uploader.js";
import type { Database } from "./database.js";
import { PHOTO_COLUMNS } from "./photo-rows.js";

/**
 * Attribution in SQLite: the event's uploaders (one `photo_uploaders` row per event and owner, rewritten
 * with the name of each new upload) and one uploader's photos in an event, a keyset page over the
 * `photos_by_event_owner` index.
 */
export class SqlitePhotoUploaders {
  private readonly upsert;
  private readonly forget;
  private readonly list;
  private readonly first;
  private readonly after;

  constructor(db: Database) {
    this.upsert = db.prepare<{ event_id: string; owner_id: string; name: string }>(
      `INSERT INTO photo_uploaders (event_id, owner_id, name) VALUES (@event_id, @owner_id, @name)
       ON CONFLICT (event_id, owner_id) DO UPDATE SET name = excluded.name`,
    );
    this.forget = db.prepare<[string]>("DELETE FROM photo_uploaders WHERE event_id = ?");
    this.list = db.prepare<[string, number], { owner_id: string; name: string }>(
      "SELECT owner_id, name FROM photo_uploaders WHERE event_id = ? ORDER BY owner_id LIMIT ?",
    );
    const select = `SELECT ${PHOTO_COLUMNS} FROM photos WHERE event_id = @eventId AND owner_id = @ownerId`;
    const order = "ORDER BY created_at DESC, id DESC LIMIT @limit";
    type Params = { eventId: string; ownerId: string; limit: number; time?: number; id?: string };
    this.first = db.prepare<Params, unknown[]>(`${select} ${order}`).raw();
    this.after = db
      .prepare<Params, unknown[]>(`${select} AND (created_at, id) < (@time, @id) ${order}`)
      .raw();
  }

  /** Inside the transaction that creates `photo`. */
  record(photo: Photo): void {
    if (photo.eventId === undefined || photo.uploaderName === undefined) return;
    this.upsert.run({ event_id: photo.eventId, owner_id: photo.ownerId, name: photo.uploaderName });
  }

  forgetEvent(eventId: string): void {
    this.forget.run(eventId);
  }

  uploaders(eventId: string, limit: number): Uploader[] {
    return this.list.all(eventId, limit).map((row) => ({ ownerId: row.owner_id, name: row.name }));
  }

  /** Raw rows (`PHOTO_COLUMNS` order), newest first, `limit` of them after `cursor`. */
  photosOf(eventId: string, ownerId: string, limit: number, cursor: string | undefined): unknown[][] {
    if (cursor === undefined) return this.first.all({ eventId, ownerId, limit });
    const [time, id] = decodeSortKeyCursor(cursor);
    return this.after.all({ eventId, ownerId, limit, time, id });
  }
}
