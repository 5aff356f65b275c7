import type { ApprovalMode } from "../../../src/domain/approval.js";
import { decodeSortKeyCursor, keysetPage, type SortKey } from "../../../src/domain/cursor.js";
import { ConflictError, NotFoundError } from "../../../src/domain/errors.js";
import type { Attendance, Event, Invitation } from "../../../src/domain/event.js";
import type { AssignableRole } from "../../../src/domain/event-roles.js";
import { assertPageRequest, type Page, type PageRequest } from "../../../src/domain/page.js";
import type { EventRepository } from "../../../src/ports/event-repository.js";
import { compareSortKeys, copyDefined } from "./copies.js";

/**
 * `EventRepository` in memory, for unit tests of services. Proven faithful to the real adapters by the
 * same contract suite (`test/support/contract/event-repository.contract.ts`). Returns copies, never its own
 * objects, so a test cannot change stored state by accident.
 */
export class InMemoryEventRepository implements EventRepository {
  private readonly events = new Map<string, Event>();
  private readonly attendances = new Map<string, Attendance>();
  private readonly invitations = new Map<string, Invitation>();

  async create(event: Event, organizer: Attendance): Promise<void> {
    const codeTaken = [...this.events.values()].some((e) => e.inviteCode === event.inviteCode);
    if (this.events.has(event.id) || codeTaken) {
      throw new ConflictError("An event with this id or invite code already exists");
    }
    this.events.set(event.id, copyDefined(event));
    this.attendances.set(pairKey(organizer.eventId, organizer.userId), copyDefined(organizer));
  }

  async get(eventId: string): Promise<Event | undefined> {
    return copy(this.live(eventId));
  }

  async findByInviteCode(code: string): Promise<Event | undefined> {
    return copy([...this.events.values()].find((e) => e.inviteCode === code && e.deletingAt === undefined));
  }

  async updateInviteCode(eventId: string, newCode: string): Promise<Event> {
    const event = this.events.get(eventId);
    if (event === undefined) throw new NotFoundError("Event", eventId);
    if ([...this.events.values()].some((e) => e.inviteCode === newCode && e.id !== eventId)) {
      throw new ConflictError("That invite code is taken");
    }
    event.inviteCode = newCode;
    return copyDefined(event);
  }

  async setApprovalMode(eventId: string, mode: ApprovalMode): Promise<Event> {
    const event = this.events.get(eventId);
    if (event === undefined) throw new NotFoundError("Event", eventId);
    event.approvalMode = mode;
    return copyDefined(event);
  }

  async setAttendeeRole(
    eventId: string,
    userId: string,
    role: AssignableRole,
  ): Promise<Attendance | undefined> {
    const attendance = this.attendances.get(pairKey(eventId, userId));
    if (attendance === undefined || attendance.role === "organizer") return undefined;
    attendance.role = role;
    return copyDefined(attendance);
  }

  async putAttendance(attendance: Attendance): Promise<void> {
    if (!this.events.has(attendance.eventId)) throw new NotFoundError("Event", attendance.eventId);
    const key = pairKey(attendance.eventId, attendance.userId);
    const existing = this.attendances.get(key);
    const stored = copyDefined(attendance);
    if (existing !== undefined) {
      stored.joinedAt = existing.joinedAt;
      stored.role = existing.role;
    }
    this.attendances.set(key, stored);
  }

  async getAttendance(eventId: string, userId: string): Promise<Attendance | undefined> {
    return copy(this.attendances.get(pairKey(eventId, userId)));
  }

  async listAttendees(eventId: string, page: PageRequest): Promise<Page<Attendance>> {
    const sortKey = (a: Attendance): SortKey => [a.joinedAt.getTime(), a.userId];
    const all = [...this.attendances.values()].filter((a) => a.eventId === eventId);
    return pageOf(all, page, sortKey, "ascending");
  }

  async deleteAttendance(eventId: string, userId: string): Promise<void> {
    this.attendances.delete(pairKey(eventId, userId));
  }

  async listEventsOfUser(
    userId: string,
    page: PageRequest,
  ): Promise<Page<{ event: Event; attendance: Attendance }>> {
    const sortKey = (a: Attendance): SortKey => [a.joinedAt.getTime(), a.eventId];
    const mine = [...this.attendances.values()].filter((a) => a.userId === userId);
    const attendances = pageOf(mine, page, sortKey, "descending");
    const items = attendances.items.flatMap((attendance) => {
      const event = this.live(attendance.eventId);
      return event === undefined ? [] : [{ event: copyDefined(event), attendance }];
    });
    return { ...attendances, items };
  }

  async putInvitation(invitation: Invitation): Promise<void> {
    if (!this.events.has(invitation.eventId)) throw new NotFoundError("Event", invitation.eventId);
    this.invitations.set(pairKey(invitation.eventId, invitation.email), copyDefined(invitation));
  }

  async getInvitation(eventId: string, email: string): Promise<Invitation | undefined> {
    return copy(this.invitations.get(pairKey(eventId, email)));
  }

  async listInvitationsForEmail(email: string): Promise<Invitation[]> {
    const sortKey = (i: Invitation): SortKey => [i.createdAt.getTime(), i.eventId];
    return [...this.invitations.values()]
      .filter((invitation) => invitation.email === email)
      .sort((a, b) => compareSortKeys(sortKey(b), sortKey(a)))
      .map((invitation) => copyDefined(invitation));
  }

  async updateSettings(event: Event): Promise<Event> {
    const stored = this.live(event.id);
    if (stored === undefined) throw new NotFoundError("Event", event.id);
    const { name, description, startsAt, coverPhotoId, uploadsOpenAt, uploadsCloseAt, uploadsClosed } = event;
    const updated = copyDefined({
      ...stored,
      name,
      description,
      startsAt,
      coverPhotoId,
      uploadsOpenAt,
      uploadsCloseAt,
      uploadsClosed: uploadsClosed === true ? true : undefined,
    });
    this.events.set(event.id, updated);
    return copyDefined(updated);
  }

  async markDeleting(eventId: string, at: Date): Promise<boolean> {
    const event = this.events.get(eventId);
    if (event === undefined) return false;
    event.deletingAt ??= at;
    return true;
  }

  async deleteWithRecords(eventId: string): Promise<void> {
    this.events.delete(eventId);
    for (const [key, a] of this.attendances) if (a.eventId === eventId) this.attendances.delete(key);
    for (const [key, i] of this.invitations) if (i.eventId === eventId) this.invitations.delete(key);
  }

  async countAttendees(eventId: string): Promise<number> {
    return [...this.attendances.values()].filter((a) => a.eventId === eventId).length;
  }

  /** The stored event unless it is being deleted (then it is gone for every reader). */
  private live(eventId: string): Event | undefined {
    const event = this.events.get(eventId);
    return event?.deletingAt === undefined ? event : undefined;
  }
}

function pairKey(first: string, second: string): string {
  return JSON.stringify([first, second]);
}

function copy<T extends object>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : copyDefined(value);
}

/** A keyset page over an in-memory list, with the same cursors and edge cases as the SQLite adapter. */
function pageOf<T extends object>(
  all: readonly T[],
  page: PageRequest,
  sortKey: (item: T) => SortKey,
  direction: "ascending" | "descending",
): Page<T> {
  assertPageRequest(page);
  const sign = direction === "ascending" ? 1 : -1;
  const after = page.cursor === undefined ? undefined : decodeSortKeyCursor(page.cursor);
  const rows = all
    .filter((item) => after === undefined || sign * compareSortKeys(sortKey(item), after) > 0)
    .sort((a, b) => sign * compareSortKeys(sortKey(a), sortKey(b)))
    .slice(0, page.limit + 1);
  return keysetPage(rows, page.limit, (item) => copyDefined(item), sortKey);
}
