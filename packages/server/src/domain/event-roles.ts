import type { AttendeeRole } from "./event.js";

/**
 * What each role in an event may do, in one place, so that every service asks the same question and a new
 * role or right changes one file. The organizer may do everything; a co-host helps run the event
 * (moderation, review, share and guest links) but never owns it: deleting it, its settings, its roles and
 * its invitations stay the organizer's.
 */

/** Roles the organizer may give (or take back): never `organizer`, which is the creator's alone. */
export const ASSIGNABLE_ROLES = ["cohost", "attendee"] as const satisfies readonly AttendeeRole[];

export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

/** Approve or delete photos moderation hid, see moderation scores, delete others' photos. */
export function canModerate(role: AttendeeRole): boolean {
  return role === "organizer" || role === "cohost";
}

/** See the review queue and approve or reject waiting photos. */
export function canReview(role: AttendeeRole): boolean {
  return canModerate(role);
}

/** Make, list and revoke the event's share links and guest-upload links. */
export function canManageLinks(role: AttendeeRole): boolean {
  return role === "organizer" || role === "cohost";
}

/** Delete the event with everything in it. */
export function canDeleteEvent(role: AttendeeRole): boolean {
  return role === "organizer";
}

/** Change the event's settings: details, upload window, approval mode. */
export function canChangeSettings(role: AttendeeRole): boolean {
  return role === "organizer";
}

/** Make attendees co-hosts, or co-hosts attendees again. */
export function canAssignRoles(role: AttendeeRole): boolean {
  return role === "organizer";
}

/** Remove other attendees from the event. */
export function canRemoveAttendees(role: AttendeeRole): boolean {
  return role === "organizer";
}

/** See attendees' email addresses. */
export function canSeeAttendeeEmails(role: AttendeeRole): boolean {
  return role === "organizer";
}

/** Invite by email and replace the invite code. */
export function canManageInvitations(role: AttendeeRole): boolean {
  return role === "organizer";
}

/** Whether a stored role may be changed to another at all: the organizer's never is. */
export function isAssignableRole(role: string): role is AssignableRole {
  return (ASSIGNABLE_ROLES as readonly string[]).includes(role);
}
