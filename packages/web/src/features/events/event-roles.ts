import type { EventRole } from "../../api/api-types.js";

/**
 * What the caller's role lets them do in the client, mirroring the server's `domain/event-roles.ts` (the
 * server decides; these only choose which controls to show).
 */
export const canModerate = (role: EventRole) => role === "organizer" || role === "cohost";
export const canManageLinks = (role: EventRole) => role === "organizer" || role === "cohost";
export const canAssignRoles = (role: EventRole) => role === "organizer";
export const canChangeSettings = (role: EventRole) => role === "organizer";
