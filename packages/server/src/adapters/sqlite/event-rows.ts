import type { ApprovalMode } from "../../domain/approval.js";
import type { Attendance, AttendeeRole, Event, Invitation } from "../../domain/event.js";
import type { Database } from "./database.js";
import type { Migration } from "./migrations.js";

/** Rows of the event tables as SQLite returns them: dates as epoch milliseconds, absent values as NULL. */
export interface EventRow {
  id: string;
  name: string;
  description: string | null;
  starts_at: string | null;
  organizer_id: string;
  invite_code: string;
  created_at: number;
  cover_photo_id: string | null;
  uploads_open_at: number | null;
  uploads_close_at: number | null;
  uploads_closed: number;
  deleting_at: number | null;
  approval_mode: string | null;
}

export interface AttendanceRow {
  event_id: string;
  user_id: string;
  role: string;
  name: string | null;
  email: string | null;
  joined_at: number;
}

export interface InvitationRow {
  event_id: string;
  email: string;
  invited_by: string;
  created_at: number;
}

/**
 * Schema history of the event tables. Each list has an index holding its full sort key, so pages are
 * index range scans; attendances and invitations go with their event.
 */
export const EVENT_MIGRATIONS: readonly Migration[] = [
  (db: Database) =>
    db.exec(`
      CREATE TABLE events (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT,
        starts_at TEXT,
        organizer_id TEXT NOT NULL,
        invite_code TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE event_attendees (
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('organizer', 'attendee')),
        name TEXT,
        email TEXT,
        joined_at INTEGER NOT NULL,
        PRIMARY KEY (event_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX event_attendees_by_event ON event_attendees (event_id, joined_at, user_id);
      CREATE INDEX event_attendees_by_user ON event_attendees (user_id, joined_at DESC, event_id DESC);
      CREATE TABLE event_invitations (
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        invited_by TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (event_id, email)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX event_invitations_by_email ON event_invitations (email, created_at DESC, event_id DESC);
    `),
  // Manage (cover photo, upload window) and deletion through a job: the event hides while `deleting_at` is set.
  (db: Database) =>
    db.exec(`
      ALTER TABLE events ADD COLUMN cover_photo_id TEXT;
      ALTER TABLE events ADD COLUMN uploads_open_at INTEGER;
      ALTER TABLE events ADD COLUMN uploads_close_at INTEGER;
      ALTER TABLE events ADD COLUMN uploads_closed INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE events ADD COLUMN deleting_at INTEGER;
    `),
  // Roles and approval (issue #13): co-hosts, which the first table's CHECK did not allow (SQLite cannot
  // alter a CHECK, so the attendee table is rebuilt), and each event's approval mode (NULL: off).
  (db: Database) =>
    db.exec(`
      CREATE TABLE event_attendees_with_cohosts (
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('organizer', 'cohost', 'attendee')),
        name TEXT,
        email TEXT,
        joined_at INTEGER NOT NULL,
        PRIMARY KEY (event_id, user_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO event_attendees_with_cohosts SELECT event_id, user_id, role, name, email, joined_at
        FROM event_attendees;
      DROP TABLE event_attendees;
      ALTER TABLE event_attendees_with_cohosts RENAME TO event_attendees;
      CREATE INDEX event_attendees_by_event ON event_attendees (event_id, joined_at, user_id);
      CREATE INDEX event_attendees_by_user ON event_attendees (user_id, joined_at DESC, event_id DESC);
      ALTER TABLE events ADD COLUMN approval_mode TEXT CHECK (approval_mode IN ('off', 'guests', 'everyone'));
    `),
];

export const EVENT_COLUMNS =
  "id, name, description, starts_at, organizer_id, invite_code, created_at, cover_photo_id, uploads_open_at, uploads_close_at, uploads_closed, deleting_at, approval_mode";
export const ATTENDANCE_COLUMNS = "event_id, user_id, role, name, email, joined_at";
export const INVITATION_COLUMNS = "event_id, email, invited_by, created_at";

export function eventToRow(event: Event): EventRow {
  return {
    id: event.id,
    name: event.name,
    description: event.description ?? null,
    starts_at: event.startsAt ?? null,
    organizer_id: event.organizerId,
    invite_code: event.inviteCode,
    created_at: event.createdAt.getTime(),
    cover_photo_id: event.coverPhotoId ?? null,
    uploads_open_at: event.uploadsOpenAt?.getTime() ?? null,
    uploads_close_at: event.uploadsCloseAt?.getTime() ?? null,
    uploads_closed: event.uploadsClosed === true ? 1 : 0,
    deleting_at: event.deletingAt?.getTime() ?? null,
    approval_mode: event.approvalMode ?? null,
  };
}

export function rowToEvent(row: EventRow): Event {
  const event: Event = {
    id: row.id,
    name: row.name,
    organizerId: row.organizer_id,
    inviteCode: row.invite_code,
    createdAt: new Date(row.created_at),
  };
  if (row.description !== null) event.description = row.description;
  if (row.starts_at !== null) event.startsAt = row.starts_at;
  if (row.cover_photo_id !== null) event.coverPhotoId = row.cover_photo_id;
  if (row.uploads_open_at !== null) event.uploadsOpenAt = new Date(row.uploads_open_at);
  if (row.uploads_close_at !== null) event.uploadsCloseAt = new Date(row.uploads_close_at);
  if (row.uploads_closed === 1) event.uploadsClosed = true;
  if (row.deleting_at !== null) event.deletingAt = new Date(row.deleting_at);
  if (row.approval_mode !== null) event.approvalMode = row.approval_mode as ApprovalMode;
  return event;
}

export function attendanceToRow(attendance: Attendance): AttendanceRow {
  return {
    event_id: attendance.eventId,
    user_id: attendance.userId,
    role: attendance.role,
    name: attendance.name ?? null,
    email: attendance.email ?? null,
    joined_at: attendance.joinedAt.getTime(),
  };
}

export function rowToAttendance(row: AttendanceRow): Attendance {
  const attendance: Attendance = {
    eventId: row.event_id,
    userId: row.user_id,
    role: row.role as AttendeeRole,
    joinedAt: new Date(row.joined_at),
  };
  if (row.name !== null) attendance.name = row.name;
  if (row.email !== null) attendance.email = row.email;
  return attendance;
}

export function invitationToRow(invitation: Invitation): InvitationRow {
  return {
    event_id: invitation.eventId,
    email: invitation.email,
    invited_by: invitation.invitedBy,
    created_at: invitation.createdAt.getTime(),
  };
}

export function rowToInvitation(row: InvitationRow): Invitation {
  return {
    eventId: row.event_id,
    email: row.email,
    invitedBy: row.invited_by,
    createdAt: new Date(row.created_at),
  };
}
