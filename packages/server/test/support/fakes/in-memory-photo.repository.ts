import { type PhotoReview, reviewListOf } from "../../../src/domain/approval.js";
import { decodeSortKeyCursor, keysetPage, type SortKey } from "../../../src/domain/cursor.js";
import { ConflictError } from "../../../src/domain/errors.js";
import {
  assertBatchLimit,
  assertPageRequest,
  type Page,
  type PageRequest,
} from "../../../src/domain/page.js";
import {
  applyPhotoChanges,
  type Photo,
  type PhotoChanges,
  type PhotoStatus,
} from "../../../src/domain/photo.js";
import { timelineTime } from "../../../src/domain/timeline.js";
import type { Uploader } from "../../../src/domain/uploader.js";
import type {
  ContentClaim,
  LabelCount,
  LabelScope,
  PhotoListFilter,
  PhotoRepository,
} from "../../../src/ports/photo-repository.js";
import { compareSortKeys, copyDefined } from "./copies.js";

const newestFirst = (photo: Photo): SortKey => [photo.createdAt.getTime(), photo.id];

/**
 * `PhotoRepository` in memory, for unit tests of services. Proven faithful to the real adapters by the
 * same contract suite (`test/support/contract/photo-repository.contract.ts`). Returns copies only.
 */
export class InMemoryPhotoRepository implements PhotoRepository {
  private readonly photos = new Map<string, Photo>();
  /** `(scope, sha256)` → holder photo id. */
  private readonly contentHolders = new Map<string, string>();
  /** `eventId` → owner id → name of their latest upload. */
  private readonly uploaders = new Map<string, Map<string, string>>();

  async create(photo: Photo): Promise<void> {
    if (this.photos.has(photo.id)) throw new ConflictError(`Photo ${photo.id} already exists`);
    this.photos.set(photo.id, copyDefined(photo));
    if (photo.eventId !== undefined && photo.uploaderName !== undefined) {
      const names = this.uploaders.get(photo.eventId) ?? new Map<string, string>();
      names.set(photo.ownerId, photo.uploaderName);
      this.uploaders.set(photo.eventId, names);
    }
  }

  async listUploaders(eventId: string, limit: number): Promise<Uploader[]> {
    assertBatchLimit(limit);
    return [...(this.uploaders.get(eventId) ?? new Map<string, string>())]
      .map(([ownerId, name]) => ({ ownerId, name }))
      .sort((a, b) => (a.ownerId < b.ownerId ? -1 : a.ownerId > b.ownerId ? 1 : 0))
      .slice(0, limit);
  }

  async forgetUploaders(eventId: string): Promise<void> {
    this.uploaders.delete(eventId);
  }

  async get(photoId: string): Promise<Photo | undefined> {
    const photo = this.photos.get(photoId);
    return photo === undefined ? undefined : copyDefined(photo);
  }

  async transition(
    photoId: string,
    from: readonly PhotoStatus[],
    changes: PhotoChanges,
  ): Promise<Photo | undefined> {
    const photo = this.photos.get(photoId);
    if (photo === undefined || !from.includes(photo.status)) return undefined;
    const next = copyDefined(applyPhotoChanges(photo, changes));
    this.photos.set(photoId, next);
    return copyDefined(next);
  }

  async listByEvent(eventId: string, page: PageRequest, filter: PhotoListFilter = {}): Promise<Page<Photo>> {
    if (filter.ownerId !== undefined) {
      const { ownerId } = filter;
      return this.newestFirst((photo) => photo.eventId === eventId && photo.ownerId === ownerId, page);
    }
    return this.newestFirst((photo) => photo.eventId === eventId && hasStatus(photo, filter), page);
  }

  async listForReview(eventId: string, review: PhotoReview, page: PageRequest): Promise<Page<Photo>> {
    return this.newestFirst((photo) => photo.eventId === eventId && reviewListOf(photo) === review, page);
  }

  async listByOwner(ownerId: string, page: PageRequest, filter: PhotoListFilter = {}): Promise<Page<Photo>> {
    return this.newestFirst((photo) => photo.ownerId === ownerId && hasStatus(photo, filter), page);
  }

  async listByEventTimeline(eventId: string, page: PageRequest): Promise<Page<Photo>> {
    assertPageRequest(page);
    const after = page.cursor === undefined ? undefined : decodeSortKeyCursor(page.cursor);
    const onTimeline = (photo: Photo): SortKey => [timelineTime(photo), photo.id];
    const rows = [...this.photos.values()]
      .filter(
        (photo) =>
          photo.eventId === eventId && (after === undefined || compareSortKeys(onTimeline(photo), after) < 0),
      )
      .sort((a, b) => compareSortKeys(onTimeline(b), onTimeline(a)))
      .slice(0, page.limit + 1);
    return keysetPage(rows, page.limit, (photo) => copyDefined(photo), onTimeline);
  }

  async labelCountsByEvent(eventId: string): Promise<LabelCount[]> {
    const counts = new Map<string, number>();
    for (const photo of this.photos.values()) {
      if (photo.eventId !== eventId) continue;
      for (const name of new Set((photo.labels ?? []).map((label) => label.name))) {
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    }
    return [...counts]
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async listByLabel(scope: LabelScope, label: string, page: PageRequest): Promise<Page<Photo>> {
    const inScope = (photo: Photo) =>
      "eventId" in scope ? photo.eventId === scope.eventId : photo.ownerId === scope.ownerId;
    return this.newestFirst(
      (photo) => inScope(photo) && (photo.labels ?? []).some((l) => l.name === label),
      page,
    );
  }

  async claimContent(claim: ContentClaim, options: { replacing?: string } = {}): Promise<string> {
    const key = JSON.stringify([claim.scope, claim.sha256]);
    const holder = this.contentHolders.get(key);
    if (holder === undefined || holder === options.replacing) {
      this.contentHolders.set(key, claim.photoId);
      return claim.photoId;
    }
    return holder;
  }

  async delete(photoId: string): Promise<void> {
    this.photos.delete(photoId);
    for (const [key, holder] of this.contentHolders) if (holder === photoId) this.contentHolders.delete(key);
  }

  async countByEvent(eventId: string, status: PhotoStatus): Promise<number> {
    return [...this.photos.values()].filter((p) => p.eventId === eventId && p.status === status).length;
  }

  async listPendingExpired(before: Date, limit: number): Promise<Photo[]> {
    assertBatchLimit(limit);
    return [...this.photos.values()]
      .filter((photo) => photo.status === "pending" && photo.uploadExpiresAt < before)
      .sort((a, b) => a.uploadExpiresAt.getTime() - b.uploadExpiresAt.getTime())
      .slice(0, limit)
      .map((photo) => copyDefined(photo));
  }

  /** Every stored photo (copies), for assertions. */
  all(): Photo[] {
    return [...this.photos.values()].map((photo) => copyDefined(photo));
  }

  private newestFirst(include: (photo: Photo) => boolean, page: PageRequest): Page<Photo> {
    assertPageRequest(page);
    const after = page.cursor === undefined ? undefined : decodeSortKeyCursor(page.cursor);
    const rows = [...this.photos.values()]
      .filter(
        (photo) => include(photo) && (after === undefined || compareSortKeys(newestFirst(photo), after) < 0),
      )
      .sort((a, b) => compareSortKeys(newestFirst(b), newestFirst(a)))
      .slice(0, page.limit + 1);
    return keysetPage(rows, page.limit, (photo) => copyDefined(photo), newestFirst);
  }
}

function hasStatus(photo: Photo, filter: PhotoListFilter): boolean {
  return filter.status === undefined || photo.status === filter.status;
}
