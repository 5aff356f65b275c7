import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ATTENDEE_ROLES, type AttendeeRole } from "./event.js";
import {
  canAssignRoles,
  canChangeSettings,
  canDeleteEvent,
  canManageInvitations,
  canManageLinks,
  canModerate,
  canRemoveAttendees,
  canReview,
  canSeeAttendeeEmails,
  isAssignableRole,
} from "./event-roles.js";

/** Each right, and exactly the roles that hold it. */
const RIGHTS: [string, (role: AttendeeRole) => boolean, AttendeeRole[]][] = [
  ["moderate", canModerate, ["organizer", "cohost"]],
  ["review", canReview, ["organizer", "cohost"]],
  ["manage links", canManageLinks, ["organizer", "cohost"]],
  ["delete the event", canDeleteEvent, ["organizer"]],
  ["change settings", canChangeSettings, ["organizer"]],
  ["assign roles", canAssignRoles, ["organizer"]],
  ["remove attendees", canRemoveAttendees, ["organizer"]],
  ["see attendee emails", canSeeAttendeeEmails, ["organizer"]],
  ["manage invitations", canManageInvitations, ["organizer"]],
];

describe("event roles", () => {
  for (const [right, holds, roles] of RIGHTS) {
    it(`lets exactly ${roles.join(" and ")} ${right}`, () => {
      assert.deepEqual(
        ATTENDEE_ROLES.filter((role) => holds(role)),
        roles,
      );
    });
  }

  it("lets the organizer give co-host and attendee roles, never the organizer's own", () => {
    assert.equal(isAssignableRole("cohost"), true);
    assert.equal(isAssignableRole("attendee"), true);
    assert.equal(isAssignableRole("organizer"), false);
    assert.equal(isAssignableRole("admin"), false);
  });
});
