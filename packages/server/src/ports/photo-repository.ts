import type { PhotoReview } from "../domain/approval.js";
import type { Page, PageRequest } from "../domain/page.js";
import type { Photo, PhotoChanges, PhotoStatus } from "../domain/photo.js";
import type { Uploader } from "../domain/uploader.js";

/** Narrows a per-event or per-owner list to one status (DynamoDB: a GSI keyed by `scope#status`). */
export interface PhotoListFilter {
  status?: PhotoStatus;
  /**
   * `listByEvent` only: just this uploader's photos in the event (any status; `status` is then ignored and
   * left to the caller). SQLite: an (event, owner) index; DynamoDB: uploader entries, like label entries.
   */
  ownerId?: string;
}

/** Whose photos a label query searches: an event's, or everything one owner uploaded. */
export type LabelScope = { eventId: string } | { ownerId: string };

/** A label present in a scope, and how many photos carry it. */
export interface LabelCount {
  name: string;
  count: number;
}

/** A request to hold the bytes `sha256` within `scope` (see `contentScopeOf`) for `photoId`. */
export interface ContentClaim {
  scope: string;
  sha256: string;
  photoId: string;
}

/**
 * Photo records. Shaped by DynamoDB access patterns (keyed reads, conditional writes, keyset cursors over
 * per-event and per-owner indexes, a sparse index of pending uploads, a label index, hash items claimed
 * with conditional puts) so that the SQLite and DynamoDB adapters pass the same contract suite
 * (`test/support/contract/photo-repository.contract.ts`).
 */
export interface PhotoRepository {
  /** `ConflictError` if a photo with this id exists. */
  create(photo: Photo): Promise<void>;
  get(photoId: string): Promise<Photo | undefined>;
  /**
   * Conditional update: applies `changes` only if the current status is in `from`; returns the updated
   * photo, or `undefined` if the condition failed (or there is no such photo). This is what makes the
   * pipeline idempotent. A key present with the value `undefined` clears that optional field; `updatedAt`
   * changes only when `changes` sets it. The label index follows the photo's `labels` in the same write.
   */
  transition(
    photoId: string,
    from: readonly PhotoStatus[],
    changes: PhotoChanges,
  ): Promise<Photo | undefined>;
  /** Newest first (createdAt, then id, descending), optionally only those in one status. */
  listByEvent(eventId: string, page: PageRequest, filter?: PhotoListFilter): Promise<Page<Photo>>;
  /**
   * An event's review list: photos whose `reviewListOf` is `review` (held and processed), newest first
   * (createdAt, then id, descending) — a keyset page over its own index, never a scan of the event.
   */
  listForReview(eventId: string, review: PhotoReview, page: PageRequest): Promise<Page<Photo>>;
  /**
   * The event's timeline: latest capture first (`timelineTime` — capture time, else upload time — then id,
   * descending), every status; a keyset page over its own index (SQLite `photos_by_event_timeline`,
   * DynamoDB GSI6).
   */
  listByEventTimeline(eventId: string, page: PageRequest): Promise<Page<Photo>>;
  /**
   * The labels in the event's label index with how many photos carry each, most common first, then by
   * name. Counts every indexed photo whatever its status: suggestions for a search whose results the
   * caller's view then filters.
   */
  labelCountsByEvent(eventId: string): Promise<LabelCount[]>;
  /** Newest first (createdAt, then id, descending); library and event photos alike. */
  listByOwner(ownerId: string, page: PageRequest, filter?: PhotoListFilter): Promise<Page<Photo>>;
  /**
   * Photos of `scope` carrying `label` (exact, already normalised: lower case), newest first — a keyset
   * page over a label index, never a scan. Any status: callers filter what the viewer may see.
   */
  listByLabel(scope: LabelScope, label: string, page: PageRequest): Promise<Page<Photo>>;
  /**
   * Atomically makes `claim.photoId` the holder of `(scope, sha256)` unless another photo holds it, and
   * returns the holder afterwards (the claimant's own id when it won, or already held it). With
   * `replacing`, a claim held by exactly that photo id is taken over (its holder is gone or gave up its
   * bytes). Two claimants racing for the same bytes: exactly one wins.
   */
  claimContent(claim: ContentClaim, options?: { replacing?: string }): Promise<string>;
  /**
   * Everyone who has uploaded to the event (one entry per owner id, with the name of their latest upload),
   * ordered by owner id, at most `limit`. Kept by `create`; an uploader stays listed after deletes.
   */
  listUploaders(eventId: string, limit: number): Promise<Uploader[]>;
  /**
   * Drops the event's uploader list: the one thing of an event's photos that outlives their deletion (an
   * uploader stays listed after deletes). Only an event's deletion job calls it, after its photos are gone.
   */
  forgetUploaders(eventId: string): Promise<void>;
  /** Deleting a photo that does not exist is not an error. Releases its content claim and label entries. */
  delete(photoId: string): Promise<void>;
  /** Pending photos whose ticket expired before `before`, soonest-expired first (a sparse index on DynamoDB). */
  listPendingExpired(before: Date, limit: number): Promise<Photo[]>;
  /**
   * How many of the event's photos are in `status` (the events list shows the ready ones): a count over
   * the per-event status index, no counter kept (SQLite: an index range count; DynamoDB: a COUNT Query).
   */
  countByEvent(eventId: string, status: PhotoStatus): Promise<number>;
}
