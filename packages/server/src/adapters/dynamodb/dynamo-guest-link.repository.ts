import type { GuestLink } from "../../domain/guest-link.js";
import type { Page, PageRequest } from "../../domain/page.js";
import type { GuestLinkRepository } from "../../ports/guest-link-repository.js";
import { guestLinkKey, guestTokenKey, indexPartitions } from "./keys.js";
import { guestLinkItem, guestTokenItem, itemToGuestLink } from "./link-items.js";
import { LinkTable } from "./link-table.js";
import type { DynamoRepositoryOptions } from "./repository-options.js";

/**
 * Guest-upload links in the single DynamoDB table (key design: this folder's README), laid out like share
 * links, with the event's newest-first list in GSI1. A reservation is one conditional `UpdateItem`: it
 * counts the upload and its bytes only while the link is live and both remaining allowances cover it, so
 * the caps hold however many Lambdas race for the last slot.
 */
export class DynamoGuestLinkRepository implements GuestLinkRepository {
  private constructor(private readonly links: LinkTable<GuestLink>) {}

  static create(options: DynamoRepositoryOptions): DynamoGuestLinkRepository {
    return new DynamoGuestLinkRepository(
      new LinkTable(options.client, options.tableName, {
        noun: "guest link",
        linkKey: guestLinkKey,
        tokenKey: guestTokenKey,
        fromItem: itemToGuestLink,
      }),
    );
  }

  create(link: GuestLink): Promise<void> {
    return this.links.create(guestLinkItem(link), guestTokenItem(link));
  }

  get(id: string): Promise<GuestLink | undefined> {
    return this.links.get(id);
  }

  findByTokenHash(tokenHash: string): Promise<GuestLink | undefined> {
    return this.links.findByTokenHash(tokenHash);
  }

  listByEvent(eventId: string, page: PageRequest): Promise<Page<GuestLink>> {
    return this.links.listPage(indexPartitions.eventGuestLinks(eventId), page);
  }

  revoke(id: string, at: Date): Promise<GuestLink | undefined> {
    return this.links.revoke(id, at);
  }

  delete(id: string): Promise<void> {
    return this.links.delete(id);
  }

  reserveUpload(id: string, bytes: number, now: Date): Promise<GuestLink | undefined> {
    return this.links.updateIf(id, {
      UpdateExpression:
        "SET #uploads = #uploads + :one, #bytes = #bytes + :bytes, " +
        "#uploadsLeft = #uploadsLeft - :one, #bytesLeft = #bytesLeft - :bytes",
      // Expiry is exclusive (a link expiring at `now` is expired), as `linkStatus` has it.
      ConditionExpression:
        "attribute_not_exists(#revokedAt) AND #expiresAt > :now " +
        "AND #uploadsLeft >= :one AND #bytesLeft >= :bytes",
      ExpressionAttributeNames: {
        "#uploads": "uploads",
        "#bytes": "bytes",
        "#uploadsLeft": "uploadsLeft",
        "#bytesLeft": "bytesLeft",
        "#revokedAt": "revokedAt",
        "#expiresAt": "expiresAt",
      },
      ExpressionAttributeValues: { ":one": 1, ":bytes": bytes, ":now": now.getTime() },
    });
  }

  releaseUpload(id: string, bytes: number): Promise<GuestLink | undefined> {
    return this.links.updateIf(id, {
      // The inverse of a reservation, so the remaining allowances stay `max - counted`.
      UpdateExpression:
        "SET #uploads = #uploads - :one, #bytes = #bytes - :bytes, " +
        "#uploadsLeft = #uploadsLeft + :one, #bytesLeft = #bytesLeft + :bytes",
      ConditionExpression: "#uploads >= :one AND #bytes >= :bytes",
      ExpressionAttributeNames: {
        "#uploads": "uploads",
        "#bytes": "bytes",
        "#uploadsLeft": "uploadsLeft",
        "#bytesLeft": "bytesLeft",
      },
      ExpressionAttributeValues: { ":one": 1, ":bytes": bytes },
    });
  }
}
