import type { Page, PageRequest } from "../../domain/page.js";
import type { ShareLink } from "../../domain/share-link.js";
import type { ShareLinkRepository } from "../../ports/share-link-repository.js";
import { indexPartitions, shareLinkKey, shareTokenKey } from "./keys.js";
import { itemToShareLink, shareLinkItem, shareTokenItem } from "./link-items.js";
import { LinkTable } from "./link-table.js";
import type { DynamoRepositoryOptions } from "./repository-options.js";

/**
 * Share links in the single DynamoDB table (key design: this folder's README): the link item, an item
 * reserving its token hash, and the owner's newest-first list in GSI1. TTL removes both items a while
 * after the link expired (`EXPIRED_LINK_RETENTION_SECONDS`).
 */
export class DynamoShareLinkRepository implements ShareLinkRepository {
  private constructor(private readonly links: LinkTable<ShareLink>) {}

  static create(options: DynamoRepositoryOptions): DynamoShareLinkRepository {
    return new DynamoShareLinkRepository(
      new LinkTable(options.client, options.tableName, {
        noun: "share link",
        linkKey: shareLinkKey,
        tokenKey: shareTokenKey,
        fromItem: itemToShareLink,
      }),
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
}
