import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { SortKey } from "../../domain/cursor.js";
import { ConflictError } from "../../domain/errors.js";
import type { Page, PageRequest } from "../../domain/page.js";
import { ConditionNotMet, isConditionalCheckFailure, writeAtomically } from "./atomic-write.js";
import { type TableKey, timeThenId } from "./keys.js";
import { queryKeysetPage } from "./table-reads.js";

type Item = Record<string, unknown>;

/** Where one kind of link lives in the table, and how its items read back. */
export interface LinkLayout<L> {
  /** Named in errors ("share link", "guest link"). */
  noun: string;
  linkKey(linkId: string): TableKey;
  tokenKey(tokenHash: string): TableKey;
  fromItem(item: Item): L;
}

/** The parts of an `UpdateItem` on one link that a repository adds (expression, condition, values). */
export type LinkUpdate = Pick<
  UpdateCommandInput,
  "UpdateExpression" | "ConditionExpression" | "ExpressionAttributeNames" | "ExpressionAttributeValues"
>;

/**
 * What share links and guest links do alike in the single table: a link item plus an item reserving its
 * token hash (written in one transaction, so both the id and the hash are unique), lookups by token through
 * that reservation, conditional updates that answer `undefined` when their condition fails, and
 * newest-first keyset lists in a GSI1 partition.
 */
export class LinkTable<L extends { id: string; createdAt: Date }> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly layout: LinkLayout<L>,
  ) {}

  /** Writes the link and its token reservation, or neither: `ConflictError` if the id or hash is taken. */
  async create(linkItem: Item, tokenItem: Item): Promise<void> {
    const isNew = "attribute_not_exists(PK)";
    try {
      await writeAtomically(this.client, [
        { Put: { TableName: this.tableName, Item: linkItem, ConditionExpression: isNew } },
        { Put: { TableName: this.tableName, Item: tokenItem, ConditionExpression: isNew } },
      ]);
    } catch (error) {
      if (error instanceof ConditionNotMet) {
        throw new ConflictError(`A ${this.layout.noun} with this id or token already exists`);
      }
      throw error;
    }
  }

  /** Strongly consistent: a revocation or reservation just made is seen by the next read. */
  async get(linkId: string): Promise<L | undefined> {
    const item = await this.getItem(this.layout.linkKey(linkId));
    return item === undefined ? undefined : this.layout.fromItem(item);
  }

  /** The token's reservation names the link; two strongly consistent reads, as invite codes do. */
  async findByTokenHash(tokenHash: string): Promise<L | undefined> {
    const reservation = await this.getItem(this.layout.tokenKey(tokenHash));
    return reservation === undefined ? undefined : this.get(reservation.linkId as string);
  }

  /** Deletes the token reservation, then the link (a rerun after a crash finds the link and goes on). */
  async delete(linkId: string): Promise<void> {
    const item = await this.getItem(this.layout.linkKey(linkId));
    if (item === undefined) return;
    const tokenKey = this.layout.tokenKey(item.tokenHash as string);
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: tokenKey }));
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: this.layout.linkKey(linkId) }),
    );
  }

  /** Sets `revokedAt` unless already set (the first revocation stays); the link afterwards, if it exists. */
  async revoke(linkId: string, at: Date): Promise<L | undefined> {
    const revoked = await this.updateIf(linkId, {
      UpdateExpression: "SET #revokedAt = :at",
      ConditionExpression: "attribute_not_exists(#revokedAt)",
      ExpressionAttributeNames: { "#revokedAt": "revokedAt" },
      ExpressionAttributeValues: { ":at": at.getTime() },
    });
    // Already revoked, or no such link: what is there now says which.
    return revoked ?? this.get(linkId);
  }

  /**
   * Applies `update` to the link atomically if its condition holds (the link must also exist), returning
   * the link afterwards; `undefined` when the condition failed.
   */
  async updateIf(linkId: string, update: LinkUpdate): Promise<L | undefined> {
    const exists = "attribute_exists(PK)";
    try {
      const out = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.layout.linkKey(linkId),
          ...update,
          ConditionExpression:
            update.ConditionExpression === undefined
              ? exists
              : `${exists} AND (${update.ConditionExpression})`,
          ReturnValues: "ALL_NEW",
        }),
      );
      return out.Attributes === undefined ? undefined : this.layout.fromItem(out.Attributes);
    } catch (error) {
      if (isConditionalCheckFailure(error)) return undefined;
      throw error;
    }
  }

  /** One newest-first keyset page of the GSI1 partition `partition` (eventually consistent on AWS). */
  listPage(partition: string, page: PageRequest): Promise<Page<L>> {
    return queryKeysetPage(
      this.client,
      { tableName: this.tableName, indexName: "GSI1", partition, descending: true },
      page,
      {
        startKeyAt: ([time, linkId]) => ({
          ...this.layout.linkKey(linkId),
          GSI1PK: partition,
          GSI1SK: timeThenId(time, linkId),
        }),
        toValue: this.layout.fromItem,
        sortKeyOf: (link): SortKey => [link.createdAt.getTime(), link.id],
      },
    );
  }

  private async getItem(key: TableKey): Promise<Item | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return out.Item;
  }
}
