import type { ApprovalMode } from "../domain/approval.js";
import type { Attendance, Event, Invitation } from "../domain/event.js";
import type { AssignableRole } from "../domain/event-roles.js";
import type { Page, PageRequest } from "../domain/page.js";

/**
 * Events, who attends them, and who is invited. Shaped by DynamoDB access patterns — keyed reads and
 * keyset cursors, no joins, no offsets — so SQLite and DynamoDB adapters pass the same contract suite
 * (`test/support/contract/event-repository.contract.ts`).
 */
export interface EventRepository {
  /** Stores the event and its organizer's attendance atomically. `ConflictError` if the id or invite code exists. */
  create(event: Event, organizer: Attendance): Promise<void>;
  get(eventId: string): Promise<Event | undefined>;
  findByInviteCode(code: string): Promise<Event | undefined>;
  /** `NotFoundError` for an unknown event, `ConflictError` if another event holds `newCode`. */
  updateInviteCode(eventId: string, newCode: string): Promise<Event>;
  /** Sets the event's approval mode and returns the event. `NotFoundError` for an unknown event. */
  setApprovalMode(eventId: string, mode: ApprovalMode): Promise<Event>;
  /**
   * Gives an existing attendee `role`, unless they are the organizer (whose role never changes). Returns
   * the attendance afterwards, or `undefined` when there is no such attendee or they organize the event.
   */
  setAttendeeRole(eventId: string, userId: string, role: AssignableRole): Promise<Attendance | undefined>;
  /**
   * Idempotent upsert: a repeat keeps the first `joinedAt` and the stored role (an organizer or co-host
   * joining again stays one); name and email take the latest values. `NotFoundError` if the event does not exist.
   */
  putAttendance(attendance: Attendance): Promise<void>;
  getAttendance(eventId: string, userId: string): Promise<Attendance | undefined>;
  /** Oldest joined first (joinedAt, then userId, ascending). */
  listAttendees(eventId: string, page: PageRequest): Promise<Page<Attendance>>;
  /** Removing an attendance that does not exist is not an error. */
  deleteAttendance(eventId: string, userId: string): Promise<void>;
  /** Newest joined first (joinedAt, then eventId, descending). */
  listEventsOfUser(
    userId: string,
    page: PageRequest,
  ): Promise<Page<{ event: Event; attendance: Attendance }>>;
  /** Upsert keyed by (eventId, email): inviting again replaces the earlier invitation. */
  putInvitation(invitation: Invitation): Promise<void>;
  getInvitation(eventId: string, email: string): Promise<Invitation | undefined>;
  /** Newest first. `email` must already be normalised (lower case). */
  listInvitationsForEmail(email: string): Promise<Invitation[]>;

  /**
   * Writes what the organizer may change — name, description, startsAt, coverPhotoId and the upload
   * window — from `event` (absent fields are cleared); returns the event as stored. `NotFoundError` for an
   * unknown event or one being deleted.
   */
  updateSettings(event: Event): Promise<Event>;
  /**
   * Marks the event as being deleted (a repeat keeps the first time). From then on `get`,
   * `findByInviteCode` and `listEventsOfUser` leave it out: it is gone for everyone at once, while a job
   * removes what it holds. Returns whether the event (deleting or not) still exists.
   */
  markDeleting(eventId: string, at: Date): Promise<boolean>;
  /** Removes the event, its invite code, attendances and invitations. Idempotent: none left is not an error. */
  deleteWithRecords(eventId: string): Promise<void>;
  /** How many attend it (the organizer included). */
  countAttendees(eventId: string): Promise<number>;
}
