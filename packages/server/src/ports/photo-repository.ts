import type { Page, PageRequest } from "../domain/page.js";
import type { Photo, PhotoChanges, PhotoStatus } from "../domain/photo.js";

/**
 * Photo records. Shaped by DynamoDB access patterns (keyed reads, conditional writes, keyset cursors over
 * per-event and per-owner indexes, a sparse index of pending uploads) so that the SQLite and DynamoDB
 * adapters pass the same contract suite (`adapters/contract/photo-repository.contract.ts`).
 */
export interface PhotoRepository {
  /** `ConflictError` if a photo with this id exists. */
  create(photo: Photo): Promise<void>;
  get(photoId: string): Promise<Photo | undefined>;
  /**
   * Conditional update: applies `changes` only if the current status is in `from`; returns the updated
   * photo, or `undefined` if the condition failed (or there is no such photo). This is what makes the
   * pipeline idempotent. A key present with the value `undefined` clears that optional field; `updatedAt`
   * changes only when `changes` sets it.
   */
  transition(
    photoId: string,
    from: readonly PhotoStatus[],
    changes: PhotoChanges,
  ): Promise<Photo | undefined>;
  /** Newest first (createdAt, then id, descending). */
  listByEvent(eventId: string, page: PageRequest): Promise<Page<Photo>>;
  /** Newest first (createdAt, then id, descending); library and event photos alike. */
  listByOwner(ownerId: string, page: PageRequest): Promise<Page<Photo>>;
  /** Deleting a photo that does not exist is not an error. */
  delete(photoId: string): Promise<void>;
  /** Pending photos whose ticket expired before `before`, soonest-expired first (a sparse index on DynamoDB). */
  listPendingExpired(before: Date, limit: number): Promise<Photo[]>;
}
