import type { ApprovalMode } from "../../domain/approval.js";
import type { Attendance, AttendeeRole, Event, Invitation } from "../../domain/event.js";
import {
  attendanceKey,
  eventKey,
  indexPartitions,
  invitationKey,
  inviteCodeKey,
  timeThenId,
} from "./keys.js";

type Item = Record<string, unknown>;

/** The event item, under the event's partition (its attendances and invitations sit beside it). */
export function eventItem(event: Event): Item {
  return {
    ...eventKey(event.id),
    entity: "event",
    id: event.id,
    name: event.name,
    ...(event.description === undefined ? {} : { description: event.description }),
    ...(event.startsAt === undefined ? {} : { startsAt: event.startsAt }),
    organizerId: event.organizerId,
    inviteCode: event.inviteCode,
    ...(event.approvalMode === undefined ? {} : { approvalMode: event.approvalMode }),
    createdAt: event.createdAt.getTime(),
    ...(event.coverPhotoId === undefined ? {} : { coverPhotoId: event.coverPhotoId }),
    ...(event.uploadsOpenAt === undefined ? {} : { uploadsOpenAt: event.uploadsOpenAt.getTime() }),
    ...(event.uploadsCloseAt === undefined ? {} : { uploadsCloseAt: event.uploadsCloseAt.getTime() }),
    ...(event.uploadsClosed === true ? { uploadsClosed: true } : {}),
    ...(event.deletingAt === undefined ? {} : { deletingAt: event.deletingAt.getTime() }),
  };
}

/** The event an event item holds (absent optional fields stay absent). */
export function itemToEvent(item: Item): Event {
  const event: Event = {
    id: item.id as string,
    name: item.name as string,
    organizerId: item.organizerId as string,
    inviteCode: item.inviteCode as string,
    createdAt: new Date(item.createdAt as number),
  };
  if (item.description !== undefined) event.description = item.description as string;
  if (item.startsAt !== undefined) event.startsAt = item.startsAt as string;
  if (item.coverPhotoId !== undefined) event.coverPhotoId = item.coverPhotoId as string;
  if (item.uploadsOpenAt !== undefined) event.uploadsOpenAt = new Date(item.uploadsOpenAt as number);
  if (item.uploadsCloseAt !== undefined) event.uploadsCloseAt = new Date(item.uploadsCloseAt as number);
  if (item.uploadsClosed === true) event.uploadsClosed = true;
  if (item.deletingAt !== undefined) event.deletingAt = new Date(item.deletingAt as number);
  if (item.approvalMode !== undefined) event.approvalMode = item.approvalMode as ApprovalMode;
  return event;
}

/** The item that reserves an invite code for one event. */
export function inviteCodeItem(code: string, eventId: string): Item {
  return { ...inviteCodeKey(code), entity: "inviteCode", code, eventId };
}

/**
 * An attendance as an idempotent upsert (`UpdateItem` parts): the first `joinedAt` (and the index sort
 * keys made from it) survive a repeat join, the stored role stays (an organizer or co-host joining again
 * stays one: the role is only set when there is none yet), name and email take the latest values or go away.
 */
export function attendanceUpsert(attendance: Attendance) {
  const names: Record<string, string> = {
    "#entity": "entity",
    "#eventId": "eventId",
    "#userId": "userId",
    "#role": "role",
    "#joinedAt": "joinedAt",
    "#gsi1pk": "GSI1PK",
    "#gsi1sk": "GSI1SK",
    "#gsi2pk": "GSI2PK",
    "#gsi2sk": "GSI2SK",
    "#name": "name",
    "#email": "email",
  };
  const joinedAt = attendance.joinedAt.getTime();
  const values: Record<string, unknown> = {
    ":entity": "attendance",
    ":eventId": attendance.eventId,
    ":userId": attendance.userId,
    ":role": attendance.role,
    ":joinedAt": joinedAt,
    ":gsi1pk": indexPartitions.eventAttendees(attendance.eventId),
    ":gsi1sk": timeThenId(joinedAt, attendance.userId),
    ":gsi2pk": indexPartitions.userEvents(attendance.userId),
    ":gsi2sk": timeThenId(joinedAt, attendance.eventId),
  };
  const sets = [
    "#entity = :entity",
    "#eventId = :eventId",
    "#userId = :userId",
    "#role = if_not_exists(#role, :role)",
    "#joinedAt = if_not_exists(#joinedAt, :joinedAt)",
    "#gsi1pk = :gsi1pk",
    "#gsi1sk = if_not_exists(#gsi1sk, :gsi1sk)",
    "#gsi2pk = :gsi2pk",
    "#gsi2sk = if_not_exists(#gsi2sk, :gsi2sk)",
  ];
  const removes: string[] = [];
  for (const field of ["name", "email"] as const) {
    const value = attendance[field];
    if (value === undefined) removes.push(`#${field}`);
    else {
      sets.push(`#${field} = :${field}`);
      values[`:${field}`] = value;
    }
  }
  return {
    Key: attendanceKey(attendance.eventId, attendance.userId),
    UpdateExpression: `SET ${sets.join(", ")}${removes.length > 0 ? ` REMOVE ${removes.join(", ")}` : ""}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** The attendance an attendance item holds. */
export function itemToAttendance(item: Item): Attendance {
  const attendance: Attendance = {
    eventId: item.eventId as string,
    userId: item.userId as string,
    role: item.role as AttendeeRole,
    joinedAt: new Date(item.joinedAt as number),
  };
  if (item.name !== undefined) attendance.name = item.name as string;
  if (item.email !== undefined) attendance.email = item.email as string;
  return attendance;
}

/** The full item of a new attendance (the organizer's, written with its event). */
export function attendanceItem(attendance: Attendance): Item {
  const joinedAt = attendance.joinedAt.getTime();
  return {
    ...attendanceKey(attendance.eventId, attendance.userId),
    entity: "attendance",
    eventId: attendance.eventId,
    userId: attendance.userId,
    role: attendance.role,
    ...(attendance.name === undefined ? {} : { name: attendance.name }),
    ...(attendance.email === undefined ? {} : { email: attendance.email }),
    joinedAt,
    GSI1PK: indexPartitions.eventAttendees(attendance.eventId),
    GSI1SK: timeThenId(joinedAt, attendance.userId),
    GSI2PK: indexPartitions.userEvents(attendance.userId),
    GSI2SK: timeThenId(joinedAt, attendance.eventId),
  };
}

/** An invitation, under its event's partition and in its email's index partition, newest first. */
export function invitationItem(invitation: Invitation): Item {
  const createdAt = invitation.createdAt.getTime();
  return {
    ...invitationKey(invitation.eventId, invitation.email),
    entity: "invitation",
    eventId: invitation.eventId,
    email: invitation.email,
    invitedBy: invitation.invitedBy,
    createdAt,
    GSI1PK: indexPartitions.emailInvitations(invitation.email),
    GSI1SK: timeThenId(createdAt, invitation.eventId),
  };
}

/** The invitation an invitation item holds. */
export function itemToInvitation(item: Item): Invitation {
  return {
    eventId: item.eventId as string,
    email: item.email as string,
    invitedBy: item.invitedBy as string,
    createdAt: new Date(item.createdAt as number),
  };
}
