import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { Page, PageRequest } from "../../domain/page.js";
import type { ShareLink, ShareTarget } from "../../domain/share-link.js";
import type { ShareLinkRepository } from "../../ports/share-link-repository.js";
import { indexPartitions, shareLinkKey, shareTokenKey } from "./keys.js";
import { itemToShareLink, shareLinkItem, shareTokenItem } from "./link-items.js";
import { LinkTable } from "./link-table.js";
import type { DynamoRepositoryOptions } from "./repository-options.js";
import { queryItems } from "./table-reads.js";

/**
 * Share links in the single DynamoDB table (key design: this folder's README): the link item, an item
 * reserving its token hash, and the owner's newest-first list in GSI1. TTL removes both items a while
 * after the link expired (`EXPIRED_LINK_RETENTION_SECONDS`).
 */
export class DynamoShareLinkRepository implements ShareLinkRepository {
  private constructor(
    private readonly links: LinkTable<ShareLink>,
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  static create(options: DynamoRepositoryOptions): DynamoShareLinkRepository {
    return new DynamoShareLinkRepository(
      new LinkTable(options.client, options.tableName, {
        noun: "share link",
        linkKey: shareLinkKey,
        tokenKey: shareTokenKey,
        fromItem: itemToShareLink,
      }),
      options.client,
      options.tableName,
    );
  }

  create(link: ShareLink): Promise<void> {
    return this.links.create(shareLinkItem(link), shareTokenItem(link));
  }

  get(id: string): Promise<ShareLink | undefined> {
    return this.links.get(id);
  }

  findByTokenHash(tokenHash: string): Promise<ShareLink | undefined> {
    return this.links.findByTokenHash(tokenHash);
  }

  listByOwner(ownerId: string, page: PageRequest): Promise<Page<ShareLink>> {
    return this.links.listPage(indexPartitions.ownerShareLinks(ownerId), page);
  }

  revoke(id: string, at: Date): Promise<ShareLink | undefined> {
    return this.links.revoke(id, at);
  }

  /** Query the target's GSI2 partition, then delete each link with its token. */
  async deleteByTarget(target: ShareTarget): Promise<void> {
    const id = target.kind === "photo" ? target.photoId : target.eventId;
    const range = {
      tableName: this.tableName,
      indexName: "GSI2" as const,
      partition: indexPartitions.shareTargetLinks(target.kind, id),
      descending: false,
    };
    for (const item of await queryItems(this.client, range, Number.POSITIVE_INFINITY)) {
      await this.links.delete(item.id as string);
    }
  }
}
