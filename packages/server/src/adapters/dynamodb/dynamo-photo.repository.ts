import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { PhotoReview } from "../../domain/approval.js";
import type { SortKey } from "../../domain/cursor.js";
import { ConflictError } from "../../domain/errors.js";
import { assertBatchLimit, type Page, type PageRequest } from "../../domain/page.js";
import { applyPhotoChanges, type Photo, type PhotoChanges, type PhotoStatus } from "../../domain/photo.js";
import { timelineTime } from "../../domain/timeline.js";
import type { Uploader } from "../../domain/uploader.js";
import type {
  ContentClaim,
  LabelCount,
  LabelScope,
  PhotoListFilter,
  PhotoRepository,
} from "../../ports/photo-repository.js";
import { ConditionNotMet, writeAtomically } from "./atomic-write.js";
import { countPartition } from "./count-query.js";
import { claimKey, indexPartitions, labelPartition, photoKey, sortableTime, timeThenId } from "./keys.js";
import { itemToPhoto, type PhotoItem, versionOf } from "./photo-items.js";
import { PhotoWrites } from "./photo-writes.js";
import type { DynamoRepositoryOptions } from "./repository-options.js";
import type { IndexName } from "./table-definition.js";
import { getItemsInOrder, type PartitionRange, queryItems, queryKeysetPage } from "./table-reads.js";
import {
  eventUploadersPartition,
  itemToUploader,
  uploaderItem,
  uploaderPartition,
} from "./uploader-items.js";

/**
 * Read-check-write loops give up after this many lost races: each loss means another writer changed the
 * same photo or claim in between, which the pipeline (one worker per photo) makes rare.
 */
const MAX_OPTIMISTIC_ATTEMPTS = 10;

type Item = Record<string, unknown>;

/**
 * Photo records in the single DynamoDB table (key design: this folder's README). Every write that touches
 * several items — a photo and its label entries, a claim and its note, a deletion and everything it
 * releases — is one atomic write; a transition re-reads and retries if the photo changed in between
 * (optimistic locking on `version`), so its conditional status change stays exact.
 */
export class DynamoPhotoRepository implements PhotoRepository {
  private readonly writes: PhotoWrites;

  private constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.writes = new PhotoWrites(tableName);
  }

  static create(options: DynamoRepositoryOptions): DynamoPhotoRepository {
    return new DynamoPhotoRepository(options.client, options.tableName);
  }

  async create(photo: Photo): Promise<void> {
    // The menu item first, outside the transaction: concurrent uploads of one uploader would otherwise
    // collide on it. It is idempotent, and an uploader listed before their photo exists is harmless.
    const uploader = uploaderItem(photo);
    if (uploader !== undefined) {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: uploader }));
    }
    try {
      await writeAtomically(this.client, this.writes.create(photo));
    } catch (error) {
      if (error instanceof ConditionNotMet) throw new ConflictError(`Photo ${photo.id} already exists`);
      throw error;
    }
  }

  async get(photoId: string): Promise<Photo | undefined> {
    const item = await this.photoItemOf(photoId);
    return item === undefined ? undefined : itemToPhoto(item);
  }

  async transition(
    photoId: string,
    from: readonly PhotoStatus[],
    changes: PhotoChanges,
  ): Promise<Photo | undefined> {
    for (let attempt = 0; attempt < MAX_OPTIMISTIC_ATTEMPTS; attempt++) {
      const item = await this.photoItemOf(photoId);
      if (item === undefined) return undefined;
      const current = itemToPhoto(item);
      if (!from.includes(current.status)) return undefined;
      const next = applyPhotoChanges(current, changes);
      try {
        await writeAtomically(this.client, this.writes.replace(current, next, versionOf(item), from));
        return next;
      } catch (error) {
        if (!(error instanceof ConditionNotMet)) throw error;
      }
    }
    throw new Error(`Photo ${photoId} kept changing during a transition; gave up`);
  }

  async listByEvent(eventId: string, page: PageRequest, filter: PhotoListFilter = {}): Promise<Page<Photo>> {
    if (filter.ownerId !== undefined)
      return this.listByEntries(uploaderPartition(eventId, filter.ownerId), page);
    return filter.status === undefined
      ? this.listPhotos("GSI1", indexPartitions.eventPhotos(eventId), page)
      : this.listPhotos("GSI3", indexPartitions.eventPhotosInStatus(eventId, filter.status), page);
  }

  async listForReview(eventId: string, review: PhotoReview, page: PageRequest): Promise<Page<Photo>> {
    return this.listPhotos("GSI5", indexPartitions.eventReview(eventId, review), page);
  }

  async listByEventTimeline(eventId: string, page: PageRequest): Promise<Page<Photo>> {
    const partition = indexPartitions.eventTimeline(eventId);
    return queryKeysetPage(
      this.client,
      { tableName: this.tableName, indexName: "GSI6", partition, descending: true },
      page,
      {
        startKeyAt: ([time, photoId]) => ({
          ...photoKey(photoId),
          GSI6PK: partition,
          GSI6SK: timeThenId(time, photoId),
        }),
        toValue: itemToPhoto,
        sortKeyOf: (photo): SortKey => [timelineTime(photo), photo.id],
      },
    );
  }

  /**
   * One Query of the event's label entries in GSI6 (sorted by label name), counted here: reads every
   * entry, a few bytes each — about 30,000 (≈ 3 MB, 3 Query pages) for 10,000 photos with three labels.
   */
  async labelCountsByEvent(eventId: string): Promise<LabelCount[]> {
    const range: PartitionRange = {
      tableName: this.tableName,
      indexName: "GSI6",
      partition: indexPartitions.eventLabels(eventId),
      descending: false,
    };
    const counts = new Map<string, number>();
    for (const entry of await queryItems(this.client, range, Number.POSITIVE_INFINITY)) {
      const name = entry.label as string;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return [...counts]
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async listByOwner(ownerId: string, page: PageRequest, filter: PhotoListFilter = {}): Promise<Page<Photo>> {
    return filter.status === undefined
      ? this.listPhotos("GSI2", indexPartitions.ownerPhotos(ownerId), page)
      : this.listPhotos("GSI4", indexPartitions.ownerPhotosInStatus(ownerId, filter.status), page);
  }

  async listByLabel(scope: LabelScope, label: string, page: PageRequest): Promise<Page<Photo>> {
    return this.listByEntries(labelPartition(scope, label), page);
  }

  async listUploaders(eventId: string, limit: number): Promise<Uploader[]> {
    assertBatchLimit(limit);
    const range = {
      tableName: this.tableName,
      partition: eventUploadersPartition(eventId),
      descending: false,
    };
    return (await queryItems(this.client, { ...range, consistent: true }, limit)).map(itemToUploader);
  }

  async forgetUploaders(eventId: string): Promise<void> {
    const range = {
      tableName: this.tableName,
      partition: eventUploadersPartition(eventId),
      descending: false,
    };
    for (const item of await queryItems(this.client, range, Number.POSITIVE_INFINITY)) {
      await this.client.send(
        new DeleteCommand({ TableName: this.tableName, Key: { PK: item.PK, SK: item.SK } }),
      );
    }
  }

  /** A keyset page over entries (`photoId`, `createdAt`) sorted `{time}#{id}`, then the photos in order. */
  private async listByEntries(partition: string, page: PageRequest): Promise<Page<Photo>> {
    // Label entries live in the table itself, so this list is strongly consistent, unlike the index lists.
    const entries = await queryKeysetPage(
      this.client,
      { tableName: this.tableName, partition, descending: true, consistent: true },
      page,
      {
        startKeyAt: ([time, photoId]) => ({ PK: partition, SK: timeThenId(time, photoId) }),
        toValue: (item) => ({ photoId: item.photoId as string, createdAt: item.createdAt as number }),
        sortKeyOf: (entry): SortKey => [entry.createdAt, entry.photoId],
      },
    );
    const items = await getItemsInOrder(
      this.client,
      this.tableName,
      entries.items.map((entry) => photoKey(entry.photoId)),
    );
    const photos = items.flatMap((item) => (item === undefined ? [] : [itemToPhoto(item)]));
    return { ...entries, items: photos };
  }

  async claimContent(claim: ContentClaim, options: { replacing?: string } = {}): Promise<string> {
    const actions = this.writes.claim(claim, options.replacing);
    for (let attempt = 0; attempt < MAX_OPTIMISTIC_ATTEMPTS; attempt++) {
      try {
        await writeAtomically(this.client, actions);
        return claim.photoId;
      } catch (error) {
        if (!(error instanceof ConditionNotMet)) throw error;
      }
      const holder = await this.getItem(claimKey(claim.scope, claim.sha256));
      // Undefined when the holder was deleted between our write and this read: then try again.
      if (holder !== undefined) return holder.photoId as string;
    }
    throw new Error(`The content claim ${claim.scope}/${claim.sha256} kept changing; gave up`);
  }

  async delete(photoId: string): Promise<void> {
    for (let attempt = 0; attempt < MAX_OPTIMISTIC_ATTEMPTS; attempt++) {
      const partition = await queryItems(
        this.client,
        { tableName: this.tableName, partition: photoKey(photoId).PK, descending: false, consistent: true },
        Number.POSITIVE_INFINITY,
      );
      if (partition.length === 0) return;
      try {
        await writeAtomically(this.client, this.writes.deletion(photoId, partition));
        return;
      } catch (error) {
        if (!(error instanceof ConditionNotMet)) throw error;
      }
    }
    throw new Error(`Photo ${photoId} kept changing while being deleted; gave up`);
  }

  async listPendingExpired(before: Date, limit: number): Promise<Photo[]> {
    assertBatchLimit(limit);
    const range: PartitionRange = {
      tableName: this.tableName,
      indexName: "GSI5",
      partition: indexPartitions.pendingUploads(),
      descending: false,
      sortKeyBelow: sortableTime(Math.max(0, before.getTime())),
    };
    return (await queryItems(this.client, range, limit)).map(itemToPhoto);
  }

  countByEvent(eventId: string, status: PhotoStatus): Promise<number> {
    return countPartition(
      this.client,
      this.tableName,
      "GSI3",
      indexPartitions.eventPhotosInStatus(eventId, status),
    );
  }

  private listPhotos(indexName: IndexName, partition: string, page: PageRequest): Promise<Page<Photo>> {
    return queryKeysetPage(
      this.client,
      { tableName: this.tableName, indexName, partition, descending: true },
      page,
      {
        startKeyAt: ([time, photoId]) => ({
          ...photoKey(photoId),
          [`${indexName}PK`]: partition,
          [`${indexName}SK`]: timeThenId(time, photoId),
        }),
        toValue: itemToPhoto,
        sortKeyOf: (photo): SortKey => [photo.createdAt.getTime(), photo.id],
      },
    );
  }

  private async photoItemOf(photoId: string): Promise<PhotoItem | undefined> {
    return (await this.getItem(photoKey(photoId))) as PhotoItem | undefined;
  }

  /** Strongly consistent: the pipeline and the API read their own writes. */
  private async getItem(key: { PK: string; SK: string }): Promise<Item | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return out.Item;
  }
}
