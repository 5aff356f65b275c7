import type { Photo, PhotoStatus } from "../../domain/photo.js";
import type { ContentClaim } from "../../ports/photo-repository.js";
import type { WriteAction } from "./atomic-write.js";
import { CLAIM_NOTE_PREFIX, claimKey, claimNoteKey } from "./keys.js";
import {
  indexedLabelNames,
  itemToPhoto,
  labelEntryItem,
  labelEntryKeys,
  photoItem,
  versionOf,
} from "./photo-items.js";
import { uploaderEntryItem, uploaderEntryKey } from "./uploader-items.js";

type Item = Record<string, unknown>;

/**
 * The write actions of `DynamoPhotoRepository`, built for one table. Each method returns what must change
 * together; the repository sends it as one atomic write.
 */
export class PhotoWrites {
  constructor(private readonly tableName: string) {}

  /** A new photo (refused if its id exists: action 0) and its label entries. */
  create(photo: Photo): WriteAction[] {
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: photoItem(photo, 1),
          ConditionExpression: "attribute_not_exists(PK)",
        },
      },
      ...this.labelEntryPuts(photo, indexedLabelNames(photo)),
      ...this.uploaderEntryPuts(photo),
    ];
  }

  /**
   * `next` in place of the photo read at `readVersion` (refused if it changed since: action 0), and the
   * label entries that changed with it. The status condition is the port's rule; the version also pins
   * everything derived from the read (index keys, which label entries to change).
   */
  replace(current: Photo, next: Photo, readVersion: number, from: readonly PhotoStatus[]): WriteAction[] {
    const statuses = Object.fromEntries(from.map((status, i) => [`:from${i}`, status]));
    const put: WriteAction = {
      Put: {
        TableName: this.tableName,
        Item: photoItem(next, readVersion + 1),
        ConditionExpression: `#version = :version AND #status IN (${Object.keys(statuses).join(", ")})`,
        ExpressionAttributeNames: { "#version": "version", "#status": "status" },
        ExpressionAttributeValues: { ":version": readVersion, ...statuses },
      },
    };
    const old = indexedLabelNames(current);
    const now = indexedLabelNames(next);
    const removed = old.filter((name) => !now.includes(name));
    const added = now.filter((name) => !old.includes(name));
    return [
      put,
      ...labelEntryKeys(current, removed).map((Key) => ({ Delete: { TableName: this.tableName, Key } })),
      ...this.labelEntryPuts(next, added),
    ];
  }

  /**
   * Makes `claim.photoId` the holder unless someone other than itself or `replacing` holds the bytes
   * (action 0), with its note beside its photo. The replaced holder's note goes in the same write, so a
   * note exists exactly while its photo holds the claim.
   */
  claim(claim: ContentClaim, replacing: string | undefined): WriteAction[] {
    const { scope, sha256, photoId } = claim;
    const allowed = [...new Set([photoId, ...(replacing === undefined ? [] : [replacing])])];
    const holders = Object.fromEntries(allowed.map((holder, i) => [`:holder${i}`, holder]));
    const actions: WriteAction[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...claimKey(scope, sha256), entity: "contentClaim", scope, sha256, photoId },
          ConditionExpression: `attribute_not_exists(PK) OR #holder IN (${Object.keys(holders).join(", ")})`,
          ExpressionAttributeNames: { "#holder": "photoId" },
          ExpressionAttributeValues: holders,
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...claimNoteKey(photoId, scope, sha256), entity: "contentClaimNote", scope, sha256 },
        },
      },
    ];
    if (replacing !== undefined && replacing !== photoId) {
      actions.push({ Delete: { TableName: this.tableName, Key: claimNoteKey(replacing, scope, sha256) } });
    }
    return actions;
  }

  /**
   * Everything a deletion removes, from the items of the photo's partition: the photo (if still at the
   * version read), its label entries, and each claim it holds with its note (if still held by it).
   */
  deletion(photoId: string, partition: readonly Item[]): WriteAction[] {
    return partition.flatMap((item): WriteAction[] => {
      const Key = { PK: item.PK as string, SK: item.SK as string };
      if (Key.SK.startsWith(CLAIM_NOTE_PREFIX)) {
        const claim = claimKey(item.scope as string, item.sha256 as string);
        return [
          { Delete: { TableName: this.tableName, Key } },
          {
            Delete: {
              TableName: this.tableName,
              Key: claim,
              ConditionExpression: "#holder = :photoId",
              ExpressionAttributeNames: { "#holder": "photoId" },
              ExpressionAttributeValues: { ":photoId": photoId },
            },
          },
        ];
      }
      const photo = itemToPhoto(item);
      return [
        {
          Delete: {
            TableName: this.tableName,
            Key,
            ConditionExpression: "#version = :version",
            ExpressionAttributeNames: { "#version": "version" },
            ExpressionAttributeValues: { ":version": versionOf(item) },
          },
        },
        ...labelEntryKeys(photo, indexedLabelNames(photo)).map((entry) => ({
          Delete: { TableName: this.tableName, Key: entry },
        })),
        ...[uploaderEntryKey(photo)].flatMap((entry) =>
          entry === undefined ? [] : [{ Delete: { TableName: this.tableName, Key: entry } }],
        ),
      ];
    });
  }

  private uploaderEntryPuts(photo: Photo): WriteAction[] {
    const key = uploaderEntryKey(photo);
    return key === undefined
      ? []
      : [{ Put: { TableName: this.tableName, Item: uploaderEntryItem(key, photo) } }];
  }

  private labelEntryPuts(photo: Photo, names: readonly string[]): WriteAction[] {
    return names.flatMap((name) =>
      labelEntryKeys(photo, [name]).map((key) => ({
        Put: { TableName: this.tableName, Item: labelEntryItem(key, photo, name) },
      })),
    );
  }
}
