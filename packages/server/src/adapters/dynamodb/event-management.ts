import { DeleteCommand, type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { NotFoundError } from "../../domain/errors.js";
import type { Event } from "../../domain/event.js";
import { countPartition } from "./count-query.js";
import { itemToEvent } from "./event-items.js";
import { eventKey, indexPartitions, inviteCodeKey, type TableKey } from "./keys.js";
import { queryItems } from "./table-reads.js";

type Item = Record<string, unknown>;

/** The fields an organizer edits, as item attributes; `undefined` ones are removed. */
function settingsAttributes(event: Event): Record<string, unknown> {
  return {
    name: event.name,
    description: event.description,
    startsAt: event.startsAt,
    coverPhotoId: event.coverPhotoId,
    uploadsOpenAt: event.uploadsOpenAt?.getTime(),
    uploadsCloseAt: event.uploadsCloseAt?.getTime(),
    uploadsClosed: event.uploadsClosed === true ? true : undefined,
  };
}

/**
 * Managing an event in the single table: settings, the deleting mark, removal of the event's partition
 * (event, attendances, invitations) and its invite code, and counting attendees. Kept apart from the
 * repository's reads so that each file stays one job.
 */
export class DynamoEventManagement {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** One UpdateItem, only while the event exists and is not being deleted. */
  async updateSettings(event: Event): Promise<Event> {
    const sets: string[] = [];
    const removes: string[] = [];
    const names: Record<string, string> = { "#deletingAt": "deletingAt" };
    const values: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(settingsAttributes(event))) {
      names[`#${field}`] = field;
      if (value === undefined) removes.push(`#${field}`);
      else {
        sets.push(`#${field} = :${field}`);
        values[`:${field}`] = value;
      }
    }
    try {
      const out = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: eventKey(event.id),
          UpdateExpression: `SET ${sets.join(", ")}${removes.length > 0 ? ` REMOVE ${removes.join(", ")}` : ""}`,
          ConditionExpression: "attribute_exists(PK) AND attribute_not_exists(#deletingAt)",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: "ALL_NEW",
        }),
      );
      return itemToEvent(out.Attributes as Item);
    } catch (error) {
      if (isConditionFailed(error)) throw new NotFoundError("Event", event.id);
      throw error;
    }
  }

  /** Sets `deletingAt` once; `false` when there is no such event. */
  async markDeleting(eventId: string, at: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: eventKey(eventId),
          UpdateExpression: "SET #deletingAt = if_not_exists(#deletingAt, :at)",
          ConditionExpression: "attribute_exists(PK)",
          ExpressionAttributeNames: { "#deletingAt": "deletingAt" },
          ExpressionAttributeValues: { ":at": at.getTime() },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  /**
   * Deletes every item of the event's partition, the event item last, and its invite code before that:
   * a crash part-way leaves the event item (still marked deleting), so a rerun finds the code again.
   */
  async deleteWithRecords(eventId: string): Promise<void> {
    const items = await queryItems(
      this.client,
      { tableName: this.tableName, partition: `EVENT#${eventId}`, descending: false, consistent: true },
      Number.POSITIVE_INFINITY,
    );
    const event = items.find((item) => item.SK === "EVENT");
    for (const item of items) {
      if (item === event) continue;
      await this.delete({ PK: item.PK, SK: item.SK });
    }
    if (event === undefined) return;
    await this.delete(inviteCodeKey(event.inviteCode as string));
    await this.delete(eventKey(eventId));
  }

  /** A count Query over the event's attendee index partition (`Select: COUNT`). */
  countAttendees(eventId: string): Promise<number> {
    return countPartition(this.client, this.tableName, "GSI1", indexPartitions.eventAttendees(eventId));
  }

  private async delete(key: Item | TableKey): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
  }
}

function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}
