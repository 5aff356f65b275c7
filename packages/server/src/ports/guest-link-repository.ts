import type { GuestLink } from "../domain/guest-link.js";
import type { Page, PageRequest } from "../domain/page.js";

/**
 * Guest-upload links, shaped for DynamoDB: keyed reads by id and by token hash (a GSI), a per-event keyset
 * list (newest first), a conditional revoke, and a conditional counter that reserves one upload against
 * the link's caps. SQLite and the in-memory fake pass the same contract suite
 * (`test/support/contract/guest-link-repository.contract.ts`).
 */
export interface GuestLinkRepository {
  /** `ConflictError` if the id or the token hash is taken. */
  create(link: GuestLink): Promise<void>;
  get(id: string): Promise<GuestLink | undefined>;
  findByTokenHash(tokenHash: string): Promise<GuestLink | undefined>;
  listByEvent(eventId: string, page: PageRequest): Promise<Page<GuestLink>>;
  /** Like `ShareLinkRepository.revoke`. */
  revoke(id: string, at: Date): Promise<GuestLink | undefined>;
  /**
   * Atomically counts one upload of `bytes` declared bytes, only if the link is not revoked, has not
   * expired at `now`, and both caps still allow it (`uploads + 1 ≤ maxUploads`, `bytes + size ≤ maxBytes`).
   * Returns the link after the increment, or `undefined` when the condition failed (or no such link).
   * Two uploads racing for the last slot: exactly one wins. (DynamoDB: an UpdateItem whose condition
   * compares remaining-allowance attributes, since conditions cannot add.)
   */
  reserveUpload(id: string, bytes: number, now: Date): Promise<GuestLink | undefined>;
  /** Removes the link and its token; an unknown id is not an error (an event's deletion job reruns). */
  delete(id: string): Promise<void>;
  /**
   * Gives back one reservation of `bytes` (an upload that turned out to cost nothing: a duplicate), never
   * below zero: atomically, only if `uploads ≥ 1` and `bytes` were counted. Returns the link afterwards, or
   * `undefined` when there was nothing to give back (or no such link). Works on revoked and expired links.
   */
  releaseUpload(id: string, bytes: number): Promise<GuestLink | undefined>;
}
