import { normalizeEmail, parseEmail } from "../../domain/email.js";
import {
  ConflictError,
  EmailNotVerifiedError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "../../domain/errors.js";
import type { Attendance, AttendeeRole, Event, Invitation } from "../../domain/event.js";
import { parseEventDetails } from "../../domain/event.js";
import { canManageInvitations, canRemoveAttendees, canSeeAttendeeEmails } from "../../domain/event-roles.js";
import { assertKnownIdShape, assertUsableUserId } from "../../domain/identifiers.js";
import { assertPageRequest, type Page, type PageRequest } from "../../domain/page.js";
import type { Principal } from "../../domain/principal.js";
import type { Clock } from "../../ports/clock.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { Ids } from "../../ports/ids.js";
import { findAttendedEvent, requireAttendance } from "./event-access.js";

export interface EventServiceDeps {
  events: EventRepository;
  clock: Clock;
  ids: Ids;
}

export interface EventServiceOptions {
  /** Most addresses one `invite` call accepts. */
  maxInvitationsPerRequest: number;
}

export interface EventWithRole {
  event: Event;
  role: AttendeeRole;
}

const DEFAULT_OPTIONS: EventServiceOptions = { maxInvitationsPerRequest: 50 };
/** Generated ids and codes collide only by bad luck; a few fresh draws settle it. */
const GENERATION_ATTEMPTS = 3;
const INVITE_CODE_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

/** Events and who attends them: creating, joining (by code or invitation), inviting, leaving. */
export class EventService {
  private readonly options: EventServiceOptions;

  constructor(
    private readonly deps: EventServiceDeps,
    options: Partial<EventServiceOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** Creates an event; its creator becomes its organizer (and first attendee). */
  async create(
    p: Principal,
    input: { name: string; description?: string; startsAt?: string },
  ): Promise<Event> {
    assertUsableUserId(p.userId);
    const details = parseEventDetails(input);
    const createdAt = this.deps.clock.now();
    return this.withFreshCodes(async () => {
      const event: Event = {
        id: this.deps.ids.newId(),
        ...details,
        organizerId: p.userId,
        inviteCode: this.deps.ids.newInviteCode(),
        createdAt,
      };
      await this.deps.events.create(event, this.attendanceOf(p, event.id, "organizer", createdAt));
      return event;
    });
  }

  /** The events the caller attends or organizes, newest joined first. */
  async listMine(p: Principal, page: PageRequest): Promise<Page<EventWithRole>> {
    assertPageRequest(page);
    const result = await this.deps.events.listEventsOfUser(p.userId, page);
    return {
      items: result.items.map(({ event, attendance }) => ({ event, role: attendance.role })),
      ...(result.nextCursor === undefined ? {} : { nextCursor: result.nextCursor }),
    };
  }

  /** An event the caller attends, with their role. */
  async get(p: Principal, eventId: string): Promise<EventWithRole> {
    const { event, attendance } = await requireAttendance(this.deps.events, p, eventId);
    return { event, role: attendance.role };
  }

  /** Organizer only: invites addresses (normalised, de-duplicated); inviting again refreshes the invitation. */
  async invite(p: Principal, eventId: string, emails: string[]): Promise<Invitation[]> {
    const { event } = await this.requireOrganizer(p, eventId);
    const unique = [...new Set(emails.map(parseEmail))];
    if (unique.length === 0) throw new ValidationError("Give at least one email address");
    if (unique.length > this.options.maxInvitationsPerRequest) {
      throw new ValidationError(`At most ${this.options.maxInvitationsPerRequest} invitations at a time`);
    }
    const createdAt = this.deps.clock.now();
    const invitations = unique.map((email) => ({ eventId: event.id, email, invitedBy: p.userId, createdAt }));
    for (const invitation of invitations) await this.deps.events.putInvitation(invitation);
    return invitations;
  }

  /** Organizer only: replaces the invite code, so the old one stops admitting anyone. */
  async rotateInviteCode(p: Principal, eventId: string): Promise<Event> {
    await this.requireOrganizer(p, eventId);
    return this.withFreshCodes(() =>
      this.deps.events.updateInviteCode(eventId, this.deps.ids.newInviteCode()),
    );
  }

  /** Joins the event whose invite code this is; joining again changes nothing. Unknown code → `NotFoundError`. */
  async joinWithCode(p: Principal, inviteCode: string): Promise<EventWithRole> {
    const code = inviteCode.trim();
    const event = INVITE_CODE_SHAPE.test(code) ? await this.deps.events.findByInviteCode(code) : undefined;
    if (event === undefined) throw new NotFoundError("Invite code", code);
    return this.join(p, event);
  }

  /**
   * Joins an event the caller's email was invited to; without such an invitation → `NotFoundError`. Only a
   * verified email counts (`EmailNotVerifiedError` before anything is looked up, so the answer says nothing
   * about invitations): otherwise anyone could sign up with an invited address and walk in.
   */
  async joinByInvitation(p: Principal, eventId: string): Promise<EventWithRole> {
    assertKnownIdShape("Event", eventId);
    if (p.emailVerified !== true) throw new EmailNotVerifiedError();
    const email = p.email === undefined ? undefined : normalizeEmail(p.email);
    const invitation = email === undefined ? undefined : await this.deps.events.getInvitation(eventId, email);
    const event = invitation === undefined ? undefined : await this.deps.events.get(eventId);
    if (event === undefined) throw new NotFoundError("Event", eventId);
    return this.join(p, event);
  }

  /**
   * Invitations to the caller's email for events they have not joined yet, newest first. None until the
   * email is verified: the list names events, which only the invited address's owner may learn.
   */
  async listInvitationsForMe(p: Principal): Promise<{ event: Event; invitation: Invitation }[]> {
    if (p.email === undefined || p.emailVerified !== true) return [];
    const invitations = await this.deps.events.listInvitationsForEmail(normalizeEmail(p.email));
    const entries = await Promise.all(
      invitations.map(async (invitation) => {
        const [event, attendance] = await Promise.all([
          this.deps.events.get(invitation.eventId),
          this.deps.events.getAttendance(invitation.eventId, p.userId),
        ]);
        return event !== undefined && attendance === undefined ? [{ event, invitation }] : [];
      }),
    );
    return entries.flat();
  }

  /** Any attendee may list attendees; only the organizer sees their email addresses. */
  async listAttendees(p: Principal, eventId: string, page: PageRequest): Promise<Page<Attendance>> {
    assertPageRequest(page);
    const { attendance } = await requireAttendance(this.deps.events, p, eventId);
    const result = await this.deps.events.listAttendees(eventId, page);
    if (canSeeAttendeeEmails(attendance.role)) return result;
    return { ...result, items: result.items.map(({ email: _hidden, ...rest }) => rest) };
  }

  /** The organizer removes any attendee but themself; an attendee may remove (leave) only themself. */
  async removeAttendee(p: Principal, eventId: string, userId: string): Promise<void> {
    const { event, attendance } = await requireAttendance(this.deps.events, p, eventId);
    if (userId === event.organizerId) throw new ForbiddenError("The organizer cannot leave their own event");
    if (userId !== p.userId && !canRemoveAttendees(attendance.role)) {
      throw new ForbiddenError("Only the organizer may remove other attendees");
    }
    if (userId !== p.userId && (await this.deps.events.getAttendance(eventId, userId)) === undefined) {
      throw new NotFoundError("Attendee", userId);
    }
    await this.deps.events.deleteAttendance(eventId, userId);
  }

  private async join(p: Principal, event: Event): Promise<EventWithRole> {
    await this.deps.events.putAttendance(this.attendanceOf(p, event.id, "attendee", this.deps.clock.now()));
    // Read back: a repeat join keeps the stored role (an organizer stays one).
    const stored = await this.deps.events.getAttendance(event.id, p.userId);
    return { event, role: stored?.role ?? "attendee" };
  }

  private async requireOrganizer(p: Principal, eventId: string) {
    const access = await findAttendedEvent(this.deps.events, p, eventId);
    if (!canManageInvitations(access.attendance.role)) {
      throw new ForbiddenError("Only the organizer may do that");
    }
    return access;
  }

  private attendanceOf(p: Principal, eventId: string, role: Attendance["role"], joinedAt: Date): Attendance {
    return {
      eventId,
      userId: p.userId,
      role,
      joinedAt,
      ...(p.name === undefined ? {} : { name: p.name }),
      ...(p.email === undefined ? {} : { email: normalizeEmail(p.email) }),
    };
  }

  /** Runs `attempt` again with fresh generated values when it hits a (rare) id or invite-code collision. */
  private async withFreshCodes<T>(attempt: () => Promise<T>): Promise<T> {
    for (let remaining = GENERATION_ATTEMPTS; ; remaining--) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof ConflictError) || remaining <= 1) throw error;
      }
    }
  }
}
