import { ForbiddenError, NotFoundError, ValidationError } from "../../domain/errors.js";
import type { Attendance } from "../../domain/event.js";
import { canAssignRoles, isAssignableRole } from "../../domain/event-roles.js";
import { assertKnownIdShape } from "../../domain/identifiers.js";
import type { Principal } from "../../domain/principal.js";
import type { EventRepository } from "../../ports/event-repository.js";
import { findAttendedEvent } from "./event-access.js";

/** Who helps run an event: the organizer makes attendees co-hosts, and co-hosts attendees again. */
export class AttendeeRoleService {
  constructor(private readonly deps: { events: EventRepository }) {}

  /**
   * Gives an attendee `role` (`cohost` or `attendee`). The organizer only (`canAssignRoles`): a co-host
   * cannot change roles, so cannot demote the organizer or another co-host. The organizer's own role never
   * changes. `NotFoundError` for a non-attendee caller or an unknown attendee, `ForbiddenError` for anyone
   * else who attends, `ValidationError` for any other role.
   */
  async setRole(p: Principal, eventId: string, userId: string, role: string): Promise<Attendance> {
    if (!isAssignableRole(role)) throw new ValidationError("role must be cohost or attendee");
    const { event, attendance } = await findAttendedEvent(this.deps.events, p, eventId);
    if (!canAssignRoles(attendance.role)) throw new ForbiddenError("Only the organizer may change roles");
    assertKnownIdShape("Attendee", userId);
    if (userId === event.organizerId) throw new ForbiddenError("The organizer's role cannot change");
    const updated = await this.deps.events.setAttendeeRole(eventId, userId, role);
    if (updated === undefined) throw new NotFoundError("Attendee", userId);
    return updated;
  }
}
