import type { SortKey } from "../../domain/cursor.js";
import type { Photo } from "../../domain/photo.js";
import type { ContentClaim, LabelCount, LabelScope } from "../../ports/photo-repository.js";
import type { Database } from "./database.js";
import { PHOTO_COLUMNS } from "./photo-rows.js";

/** The label index's partition for a scope: one entry per event and one per owner, like DynamoDB items. */
function labelPartition(scope: LabelScope): string {
  return "eventId" in scope ? `event:${scope.eventId}` : `owner:${scope.ownerId}`;
}

const PHOTO_COLUMNS_OF_P = PHOTO_COLUMNS.split(", ")
  .map((column) => `p.${column}`)
  .join(", ");

/**
 * The photo tables' secondary structures: the label index (`photo_labels`, primary key
 * `(scope, label, created_at, photo_id)`, so a filtered page is one range scan plus keyed reads of the
 * photos) and content claims (`photo_content_claims`, primary key `(scope, sha256)`, so two claimants of
 * the same bytes cannot both win). Callers run these inside their own transactions.
 */
export class PhotoIndexes {
  private readonly sql;

  constructor(db: Database) {
    const labelQuery = `SELECT ${PHOTO_COLUMNS_OF_P} FROM photo_labels l JOIN photos p ON p.id = l.photo_id
      WHERE l.scope = @scope AND l.label = @label`;
    const newestFirst = "ORDER BY l.created_at DESC, l.photo_id DESC LIMIT @limit";
    type LabelParams = { scope: string; label: string; limit: number; time?: number; id?: string };
    this.sql = {
      insertLabel: db.prepare<{ scope: string; label: string; created_at: number; photo_id: string }>(
        `INSERT OR IGNORE INTO photo_labels (scope, label, created_at, photo_id)
         VALUES (@scope, @label, @created_at, @photo_id)`,
      ),
      deleteLabels: db.prepare<[string]>("DELETE FROM photo_labels WHERE photo_id = ?"),
      labelFirst: db.prepare<LabelParams, unknown[]>(`${labelQuery} ${newestFirst}`).raw(),
      labelAfter: db
        .prepare<LabelParams, unknown[]>(
          `${labelQuery} AND (l.created_at, l.photo_id) < (@time, @id) ${newestFirst}`,
        )
        .raw(),
      holder: db.prepare<[string, string], { photo_id: string }>(
        "SELECT photo_id FROM photo_content_claims WHERE scope = ? AND sha256 = ?",
      ),
      putClaim: db.prepare<[string, string, string]>(
        `INSERT INTO photo_content_claims (scope, sha256, photo_id) VALUES (?, ?, ?)
         ON CONFLICT (scope, sha256) DO UPDATE SET photo_id = excluded.photo_id`,
      ),
      releaseContent: db.prepare<[string]>("DELETE FROM photo_content_claims WHERE photo_id = ?"),
      // One range scan of the scope's part of the primary key.
      labelCounts: db.prepare<[string], LabelCount>(
        `SELECT label AS name, count(*) AS count FROM photo_labels WHERE scope = ?
         GROUP BY label ORDER BY count DESC, label`,
      ),
    };
  }

  /** Index entries for each of the photo's labels, under its event (if any) and under its owner. */
  writeLabels(photo: Photo): void {
    const scopes: LabelScope[] = [{ ownerId: photo.ownerId }];
    if (photo.eventId !== undefined) scopes.push({ eventId: photo.eventId });
    for (const label of photo.labels ?? []) {
      for (const scope of scopes) {
        this.sql.insertLabel.run({
          scope: labelPartition(scope),
          label: label.name,
          created_at: photo.createdAt.getTime(),
          photo_id: photo.id,
        });
      }
    }
  }

  deleteLabels(photoId: string): void {
    this.sql.deleteLabels.run(photoId);
  }

  /** Raw photo rows (values in `PHOTO_COLUMNS` order) carrying `label` in `scope`, newest first. */
  photosWithLabel(scope: LabelScope, label: string, limit: number, after?: SortKey): unknown[][] {
    const params = { scope: labelPartition(scope), label, limit };
    return after === undefined
      ? this.sql.labelFirst.all(params)
      : this.sql.labelAfter.all({ ...params, time: after[0], id: after[1] });
  }

  /** The labels indexed in `scope`, with how many photos carry each, most common first. */
  labelCounts(scope: LabelScope): LabelCount[] {
    return this.sql.labelCounts.all(labelPartition(scope));
  }

  /** Claims `(scope, sha256)` unless held by someone other than `replacing`; returns the holder after. */
  claimContent(claim: ContentClaim, replacing: string | undefined): string {
    const holder = this.sql.holder.get(claim.scope, claim.sha256)?.photo_id;
    if (holder !== undefined && holder !== replacing) return holder;
    this.sql.putClaim.run(claim.scope, claim.sha256, claim.photoId);
    return claim.photoId;
  }

  releaseContent(photoId: string): void {
    this.sql.releaseContent.run(photoId);
  }
}
