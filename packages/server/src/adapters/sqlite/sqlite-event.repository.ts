import type { ApprovalMode } from "../../domain/approval.js";
import { decodeSortKeyCursor, keysetPage, type SortKey } from "../../domain/cursor.js";
import { ConflictError, NotFoundError } from "../../domain/errors.js";
import type { Attendance, Event, Invitation } from "../../domain/event.js";
import type { AssignableRole } from "../../domain/event-roles.js";
import { assertPageRequest, type Page, type PageRequest } from "../../domain/page.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { Database } from "./database.js";
import {
  ATTENDANCE_COLUMNS,
  type AttendanceRow,
  attendanceToRow,
  EVENT_COLUMNS,
  EVENT_MIGRATIONS,
  type EventRow,
  eventToRow,
  INVITATION_COLUMNS,
  type InvitationRow,
  invitationToRow,
  rowToAttendance,
  rowToEvent,
  rowToInvitation,
} from "./event-rows.js";
import { applyMigrations } from "./migrations.js";
import { namedParameters } from "./named-parameters.js";
import { isConstraintViolation } from "./sqlite-errors.js";
import { prepareEventManagement } from "./sqlite-event-management.js";

/**
 * Events, attendances and invitations in the embedded host's SQLite file. Synchronous underneath
 * (better-sqlite3), async-shaped to implement the port; lists are keyset pages, never OFFSET.
 */
export class SqliteEventRepository implements EventRepository {
  private readonly sql;
  private readonly manage;

  private constructor(private readonly db: Database) {
    this.sql = prepareStatements(db);
    this.manage = prepareEventManagement(db);
  }

  /** Creates the event tables if needed and prepares the statements. */
  static open(db: Database): SqliteEventRepository {
    applyMigrations(db, "events", EVENT_MIGRATIONS);
    return new SqliteEventRepository(db);
  }

  async create(event: Event, organizer: Attendance): Promise<void> {
    try {
      this.db.transaction(() => {
        this.sql.insertEvent.run(eventToRow(event));
        this.sql.insertAttendance.run(attendanceToRow(organizer));
      })();
    } catch (error) {
      if (isConstraintViolation(error, "PRIMARYKEY") || isConstraintViolation(error, "UNIQUE")) {
        throw new ConflictError("An event with this id or invite code already exists");
      }
      throw error;
    }
  }

  async get(eventId: string): Promise<Event | undefined> {
    const row = this.sql.eventById.get(eventId);
    return row === undefined ? undefined : rowToEvent(row);
  }

  async findByInviteCode(code: string): Promise<Event | undefined> {
    const row = this.sql.eventByInviteCode.get(code);
    return row === undefined ? undefined : rowToEvent(row);
  }

  async updateInviteCode(eventId: string, newCode: string): Promise<Event> {
    let row: EventRow | undefined;
    try {
      row = this.sql.updateInviteCode.get(newCode, eventId);
    } catch (error) {
      if (isConstraintViolation(error, "UNIQUE")) throw new ConflictError("That invite code is taken");
      throw error;
    }
    if (row === undefined) throw new NotFoundError("Event", eventId);
    return rowToEvent(row);
  }

  async setApprovalMode(eventId: string, mode: ApprovalMode): Promise<Event> {
    const row = this.sql.updateApprovalMode.get(mode, eventId);
    if (row === undefined) throw new NotFoundError("Event", eventId);
    return rowToEvent(row);
  }

  async setAttendeeRole(
    eventId: string,
    userId: string,
    role: AssignableRole,
  ): Promise<Attendance | undefined> {
    const row = this.sql.updateRole.get(role, eventId, userId);
    return row === undefined ? undefined : rowToAttendance(row);
  }

  async putAttendance(attendance: Attendance): Promise<void> {
    try {
      this.sql.upsertAttendance.run(attendanceToRow(attendance));
    } catch (error) {
      if (isConstraintViolation(error, "FOREIGNKEY")) throw new NotFoundError("Event", attendance.eventId);
      throw error;
    }
  }

  async getAttendance(eventId: string, userId: string): Promise<Attendance | undefined> {
    const row = this.sql.attendance.get(eventId, userId);
    return row === undefined ? undefined : rowToAttendance(row);
  }

  async listAttendees(eventId: string, page: PageRequest): Promise<Page<Attendance>> {
    assertPageRequest(page);
    const rows =
      page.cursor === undefined
        ? this.sql.attendeesFirst.all(eventId, page.limit + 1)
        : this.sql.attendeesAfter.all(eventId, ...decodeSortKeyCursor(page.cursor), page.limit + 1);
    return keysetPage(rows, page.limit, rowToAttendance, (a): SortKey => [a.joinedAt.getTime(), a.userId]);
  }

  async deleteAttendance(eventId: string, userId: string): Promise<void> {
    this.sql.deleteAttendance.run(eventId, userId);
  }

  async listEventsOfUser(
    userId: string,
    page: PageRequest,
  ): Promise<Page<{ event: Event; attendance: Attendance }>> {
    assertPageRequest(page);
    const rows =
      page.cursor === undefined
        ? this.sql.eventsOfUserFirst.all(userId, page.limit + 1)
        : this.sql.eventsOfUserAfter.all(userId, ...decodeSortKeyCursor(page.cursor), page.limit + 1);
    const attendances = keysetPage(
      rows,
      page.limit,
      rowToAttendance,
      (a): SortKey => [a.joinedAt.getTime(), a.eventId],
    );
    // Keyed reads per event, as DynamoDB would BatchGet them; the foreign key guarantees each exists.
    const items = attendances.items.flatMap((attendance) => {
      const row = this.sql.eventById.get(attendance.eventId);
      return row === undefined ? [] : [{ event: rowToEvent(row), attendance }];
    });
    return { ...attendances, items };
  }

  async putInvitation(invitation: Invitation): Promise<void> {
    try {
      this.sql.upsertInvitation.run(invitationToRow(invitation));
    } catch (error) {
      if (isConstraintViolation(error, "FOREIGNKEY")) throw new NotFoundError("Event", invitation.eventId);
      throw error;
    }
  }

  async getInvitation(eventId: string, email: string): Promise<Invitation | undefined> {
    const row = this.sql.invitation.get(eventId, email);
    return row === undefined ? undefined : rowToInvitation(row);
  }

  async listInvitationsForEmail(email: string): Promise<Invitation[]> {
    return this.sql.invitationsForEmail.all(email).map(rowToInvitation);
  }

  async updateSettings(event: Event): Promise<Event> {
    const row = this.manage.updateSettings.get(eventToRow(event));
    if (row === undefined) throw new NotFoundError("Event", event.id);
    return rowToEvent(row);
  }

  async markDeleting(eventId: string, at: Date): Promise<boolean> {
    this.manage.markDeleting.run(at.getTime(), eventId);
    return this.manage.exists.get(eventId) !== undefined;
  }

  async deleteWithRecords(eventId: string): Promise<void> {
    // Attendances and invitations go with it (ON DELETE CASCADE).
    this.manage.deleteEvent.run(eventId);
  }

  async countAttendees(eventId: string): Promise<number> {
    return this.manage.countAttendees.get(eventId) ?? 0;
  }
}

function prepareStatements(db: Database) {
  const attendeesOf = `SELECT ${ATTENDANCE_COLUMNS} FROM event_attendees WHERE event_id = ?`;
  const eventsOf = `SELECT ${ATTENDANCE_COLUMNS} FROM event_attendees WHERE user_id = ?`;
  return {
    insertEvent: db.prepare<EventRow>(
      `INSERT INTO events (${EVENT_COLUMNS}) VALUES (${namedParameters(EVENT_COLUMNS)})`,
    ),
    // An event being deleted is gone for every reader at once (its deletion job runs behind).
    eventById: db.prepare<[string], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE id = ? AND deleting_at IS NULL`,
    ),
    eventByInviteCode: db.prepare<[string], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE invite_code = ? AND deleting_at IS NULL`,
    ),
    updateInviteCode: db.prepare<[string, string], EventRow>(
      `UPDATE events SET invite_code = ? WHERE id = ? RETURNING ${EVENT_COLUMNS}`,
    ),
    insertAttendance: db.prepare<AttendanceRow>(
      `INSERT INTO event_attendees (${ATTENDANCE_COLUMNS}) VALUES (${namedParameters(ATTENDANCE_COLUMNS)})`,
    ),
    updateApprovalMode: db.prepare<[string, string], EventRow>(
      `UPDATE events SET approval_mode = ? WHERE id = ? RETURNING ${EVENT_COLUMNS}`,
    ),
    updateRole: db.prepare<[string, string, string], AttendanceRow>(
      `UPDATE event_attendees SET role = ? WHERE event_id = ? AND user_id = ? AND role != 'organizer'
       RETURNING ${ATTENDANCE_COLUMNS}`,
    ),
    // A repeat join keeps the first joinedAt and the stored role (organizer, co-host); contact details refresh.
    upsertAttendance: db.prepare<AttendanceRow>(
      `INSERT INTO event_attendees (${ATTENDANCE_COLUMNS}) VALUES (${namedParameters(ATTENDANCE_COLUMNS)})
       ON CONFLICT (event_id, user_id) DO UPDATE SET
         name = excluded.name,
         email = excluded.email`,
    ),
    attendance: db.prepare<[string, string], AttendanceRow>(`${attendeesOf} AND user_id = ?`),
    attendeesFirst: db.prepare<[string, number], AttendanceRow>(
      `${attendeesOf} ORDER BY joined_at, user_id LIMIT ?`,
    ),
    attendeesAfter: db.prepare<[string, number, string, number], AttendanceRow>(
      `${attendeesOf} AND (joined_at, user_id) > (?, ?) ORDER BY joined_at, user_id LIMIT ?`,
    ),
    deleteAttendance: db.prepare<[string, string]>(
      "DELETE FROM event_attendees WHERE event_id = ? AND user_id = ?",
    ),
    eventsOfUserFirst: db.prepare<[string, number], AttendanceRow>(
      `${eventsOf} ORDER BY joined_at DESC, event_id DESC LIMIT ?`,
    ),
    eventsOfUserAfter: db.prepare<[string, number, string, number], AttendanceRow>(
      `${eventsOf} AND (joined_at, event_id) < (?, ?) ORDER BY joined_at DESC, event_id DESC LIMIT ?`,
    ),
    upsertInvitation: db.prepare<InvitationRow>(
      `INSERT INTO event_invitations (${INVITATION_COLUMNS}) VALUES (${namedParameters(INVITATION_COLUMNS)})
       ON CONFLICT (event_id, email) DO UPDATE SET invited_by = excluded.invited_by, created_at = excluded.created_at`,
    ),
    invitation: db.prepare<[string, string], InvitationRow>(
      `SELECT ${INVITATION_COLUMNS} FROM event_invitations WHERE event_id = ? AND email = ?`,
    ),
    invitationsForEmail: db.prepare<[string], InvitationRow>(
      `SELECT ${INVITATION_COLUMNS} FROM event_invitations WHERE email = ? ORDER BY created_at DESC, event_id DESC`,
    ),
  };
}
