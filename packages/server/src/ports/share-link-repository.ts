import type { Page, PageRequest } from "../domain/page.js";
import type { ShareLink, ShareTarget } from "../domain/share-link.js";

/**
 * Share links, shaped for DynamoDB: keyed reads by id and by token hash (a GSI), a per-owner keyset list
 * (newest first: createdAt, then id, descending), and a conditional revoke. SQLite and the in-memory fake
 * pass the same contract suite (`test/support/contract/share-link-repository.contract.ts`).
 */
export interface ShareLinkRepository {
  /** `ConflictError` if the id or the token hash is taken. */
  create(link: ShareLink): Promise<void>;
  get(id: string): Promise<ShareLink | undefined>;
  findByTokenHash(tokenHash: string): Promise<ShareLink | undefined>;
  listByOwner(ownerId: string, page: PageRequest): Promise<Page<ShareLink>>;
  /**
   * Marks the link revoked at `at` unless it already is (the first revocation time stays). Returns the
   * link afterwards, or `undefined` for an unknown id.
   */
  revoke(id: string, at: Date): Promise<ShareLink | undefined>;
  /**
   * Removes every link showing `target` (and their tokens), when the photo or event goes away. Finding
   * none is not an error.
   */
  deleteByTarget(target: ShareTarget): Promise<void>;
}
