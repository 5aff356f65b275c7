import type { Statement } from "better-sqlite3";
import type { Database } from "./database.js";
import { EVENT_COLUMNS, type EventRow } from "./event-rows.js";

export interface EventManagementStatements {
  updateSettings: Statement<EventRow, EventRow>;
  markDeleting: Statement<[number, string]>;
  exists: Statement<[string], { id: string }>;
  deleteEvent: Statement<[string]>;
  countAttendees: Statement<[string], number>;
}

/**
 * The statements behind managing an event (its settings, its deletion, its attendee count), apart from
 * the repository's reads so that each stays small. Counting attendees is an index range count over
 * `event_attendees`' primary key: cheap at any realistic size, so no counter is kept.
 */
export function prepareEventManagement(db: Database): EventManagementStatements {
  return {
    updateSettings: db.prepare<EventRow, EventRow>(
      `UPDATE events SET name = @name, description = @description, starts_at = @starts_at,
         cover_photo_id = @cover_photo_id, uploads_open_at = @uploads_open_at,
         uploads_close_at = @uploads_close_at, uploads_closed = @uploads_closed
       WHERE id = @id AND deleting_at IS NULL RETURNING ${EVENT_COLUMNS}`,
    ),
    markDeleting: db.prepare<[number, string]>(
      "UPDATE events SET deleting_at = ? WHERE id = ? AND deleting_at IS NULL",
    ),
    exists: db.prepare<[string], { id: string }>("SELECT id FROM events WHERE id = ?"),
    deleteEvent: db.prepare<[string]>("DELETE FROM events WHERE id = ?"),
    countAttendees: db
      .prepare<[string], number>("SELECT COUNT(*) FROM event_attendees WHERE event_id = ?")
      .pluck(),
  };
}
