import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { ApprovalMode } from "../../domain/approval.js";
import type { SortKey } from "../../domain/cursor.js";
import { ConflictError, NotFoundError } from "../../domain/errors.js";
import type { Attendance, Event, Invitation } from "../../domain/event.js";
import type { AssignableRole } from "../../domain/event-roles.js";
import type { Page, PageRequest } from "../../domain/page.js";
import type { EventRepository } from "../../ports/event-repository.js";
import {
  ConditionNotMet,
  isConditionalCheckFailure,
  type WriteAction,
  writeAtomically,
} from "./atomic-write.js";
import {
  attendanceItem,
  attendanceUpsert,
  eventItem,
  invitationItem,
  inviteCodeItem,
  itemToAttendance,
  itemToEvent,
  itemToInvitation,
} from "./event-items.js";
import { DynamoEventManagement } from "./event-management.js";
import {
  attendanceKey,
  eventKey,
  indexPartitions,
  invitationKey,
  inviteCodeKey,
  type TableKey,
  timeThenId,
} from "./keys.js";
import type { DynamoRepositoryOptions } from "./repository-options.js";
import { getItemsInOrder, queryItems, queryKeysetPage } from "./table-reads.js";

/** An invite-code change retries only when the event itself changed in between: rare, so a few tries. */
const MAX_OPTIMISTIC_ATTEMPTS = 10;

/**
 * Events, attendances and invitations in the single DynamoDB table (key design: this folder's README).
 * An event, its attendances and its invitations share the event's partition; invite codes are unique
 * through an item per code, written in the same transaction as the event.
 */
export class DynamoEventRepository implements EventRepository {
  private readonly manage: DynamoEventManagement;

  private constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.manage = new DynamoEventManagement(client, tableName);
  }

  static create(options: DynamoRepositoryOptions): DynamoEventRepository {
    return new DynamoEventRepository(options.client, options.tableName);
  }

  async create(event: Event, organizer: Attendance): Promise<void> {
    const isNew = "attribute_not_exists(PK)";
    try {
      await writeAtomically(this.client, [
        { Put: { TableName: this.tableName, Item: eventItem(event), ConditionExpression: isNew } },
        {
          Put: {
            TableName: this.tableName,
            Item: inviteCodeItem(event.inviteCode, event.id),
            ConditionExpression: isNew,
          },
        },
        { Put: { TableName: this.tableName, Item: attendanceItem(organizer) } },
      ]);
    } catch (error) {
      if (error instanceof ConditionNotMet) {
        throw new ConflictError("An event with this id or invite code already exists");
      }
      throw error;
    }
  }

  /** An event being deleted is gone for every reader at once (its deletion job runs behind). */
  async get(eventId: string): Promise<Event | undefined> {
    const item = await this.getItem(eventKey(eventId));
    return item === undefined || item.deletingAt !== undefined ? undefined : itemToEvent(item);
  }

  async findByInviteCode(code: string): Promise<Event | undefined> {
    const reservation = await this.getItem(inviteCodeKey(code));
    return reservation === undefined ? undefined : this.get(reservation.eventId as string);
  }

  async updateInviteCode(eventId: string, newCode: string): Promise<Event> {
    for (let attempt = 0; attempt < MAX_OPTIMISTIC_ATTEMPTS; attempt++) {
      const event = await this.get(eventId);
      if (event === undefined) throw new NotFoundError("Event", eventId);
      if (event.inviteCode === newCode) return event;
      try {
        await writeAtomically(this.client, this.inviteCodeChange(event, newCode));
        return { ...event, inviteCode: newCode };
      } catch (error) {
        if (!(error instanceof ConditionNotMet)) throw error;
        if (error.failedActions.includes(1)) throw new ConflictError("That invite code is taken");
      }
    }
    throw new Error(`Event ${eventId} kept changing while its invite code was replaced; gave up`);
  }

  async setApprovalMode(eventId: string, mode: ApprovalMode): Promise<Event> {
    const item = await this.updateIfExists(eventKey(eventId), "SET #mode = :mode", "attribute_exists(PK)", {
      names: { "#mode": "approvalMode" },
      values: { ":mode": mode },
    });
    if (item === undefined) throw new NotFoundError("Event", eventId);
    return itemToEvent(item);
  }

  async setAttendeeRole(
    eventId: string,
    userId: string,
    role: AssignableRole,
  ): Promise<Attendance | undefined> {
    const item = await this.updateIfExists(
      attendanceKey(eventId, userId),
      "SET #role = :role",
      "attribute_exists(PK) AND #role <> :organizer",
      { names: { "#role": "role" }, values: { ":role": role, ":organizer": "organizer" } },
    );
    return item === undefined ? undefined : itemToAttendance(item);
  }

  async putAttendance(attendance: Attendance): Promise<void> {
    await this.writeUnderEvent(attendance.eventId, {
      Update: { TableName: this.tableName, ...attendanceUpsert(attendance) },
    });
  }

  async getAttendance(eventId: string, userId: string): Promise<Attendance | undefined> {
    const item = await this.getItem(attendanceKey(eventId, userId));
    return item === undefined ? undefined : itemToAttendance(item);
  }

  async listAttendees(eventId: string, page: PageRequest): Promise<Page<Attendance>> {
    const partition = indexPartitions.eventAttendees(eventId);
    return queryKeysetPage(
      this.client,
      { tableName: this.tableName, indexName: "GSI1", partition, descending: false },
      page,
      {
        startKeyAt: ([time, userId]) => ({
          ...attendanceKey(eventId, userId),
          GSI1PK: partition,
          GSI1SK: timeThenId(time, userId),
        }),
        toValue: itemToAttendance,
        sortKeyOf: (attendance): SortKey => [attendance.joinedAt.getTime(), attendance.userId],
      },
    );
  }

  async deleteAttendance(eventId: string, userId: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: attendanceKey(eventId, userId) }),
    );
  }

  async listEventsOfUser(
    userId: string,
    page: PageRequest,
  ): Promise<Page<{ event: Event; attendance: Attendance }>> {
    const partition = indexPartitions.userEvents(userId);
    const attendances = await queryKeysetPage(
      this.client,
      { tableName: this.tableName, indexName: "GSI2", partition, descending: true },
      page,
      {
        startKeyAt: ([time, eventId]) => ({
          ...attendanceKey(eventId, userId),
          GSI2PK: partition,
          GSI2SK: timeThenId(time, eventId),
        }),
        toValue: itemToAttendance,
        sortKeyOf: (attendance): SortKey => [attendance.joinedAt.getTime(), attendance.eventId],
      },
    );
    const events = await getItemsInOrder(
      this.client,
      this.tableName,
      attendances.items.map((attendance) => eventKey(attendance.eventId)),
    );
    const items = attendances.items.flatMap((attendance, i) => {
      const item = events[i];
      return item === undefined || item.deletingAt !== undefined
        ? []
        : [{ event: itemToEvent(item), attendance }];
    });
    return { ...attendances, items };
  }

  async putInvitation(invitation: Invitation): Promise<void> {
    await this.writeUnderEvent(invitation.eventId, {
      Put: { TableName: this.tableName, Item: invitationItem(invitation) },
    });
  }

  async getInvitation(eventId: string, email: string): Promise<Invitation | undefined> {
    const item = await this.getItem(invitationKey(eventId, email));
    return item === undefined ? undefined : itemToInvitation(item);
  }

  async listInvitationsForEmail(email: string): Promise<Invitation[]> {
    const range = {
      tableName: this.tableName,
      indexName: "GSI1" as const,
      partition: indexPartitions.emailInvitations(email),
      descending: true,
    };
    return (await queryItems(this.client, range, Number.POSITIVE_INFINITY)).map(itemToInvitation);
  }

  updateSettings(event: Event): Promise<Event> {
    return this.manage.updateSettings(event);
  }

  markDeleting(eventId: string, at: Date): Promise<boolean> {
    return this.manage.markDeleting(eventId, at);
  }

  deleteWithRecords(eventId: string): Promise<void> {
    return this.manage.deleteWithRecords(eventId);
  }

  countAttendees(eventId: string): Promise<number> {
    return this.manage.countAttendees(eventId);
  }

  /**
   * Moves the event to `newCode`: the event's code changes only if it is still the one read (action 0),
   * the new code is reserved only if free (action 1), and the old reservation is released.
   */
  private inviteCodeChange(event: Event, newCode: string): WriteAction[] {
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: eventKey(event.id),
          UpdateExpression: "SET #code = :new",
          ConditionExpression: "#code = :old",
          ExpressionAttributeNames: { "#code": "inviteCode" },
          ExpressionAttributeValues: { ":new": newCode, ":old": event.inviteCode },
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: inviteCodeItem(newCode, event.id),
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
      { Delete: { TableName: this.tableName, Key: inviteCodeKey(event.inviteCode) } },
    ];
  }

  /** Writes `action` only while the event exists (the foreign key of the SQLite schema); else `NotFoundError`. */
  private async writeUnderEvent(eventId: string, action: WriteAction): Promise<void> {
    const eventExists: WriteAction = {
      ConditionCheck: {
        TableName: this.tableName,
        Key: eventKey(eventId),
        ConditionExpression: "attribute_exists(PK)",
      },
    };
    try {
      await writeAtomically(this.client, [eventExists, action]);
    } catch (error) {
      if (error instanceof ConditionNotMet) throw new NotFoundError("Event", eventId);
      throw error;
    }
  }

  /** One conditional UpdateItem; the item afterwards, or `undefined` when the condition failed. */
  private async updateIfExists(
    key: TableKey,
    update: string,
    condition: string,
    expression: { names: Record<string, string>; values: Record<string, unknown> },
  ): Promise<Record<string, unknown> | undefined> {
    try {
      const out = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: expression.names,
          ExpressionAttributeValues: expression.values,
          ReturnValues: "ALL_NEW",
        }),
      );
      return out.Attributes;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return undefined;
      throw error;
    }
  }

  /** Strongly consistent: callers read their own writes (join, then list what they may see). */
  private async getItem(key: TableKey): Promise<Record<string, unknown> | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return out.Item;
  }
}
