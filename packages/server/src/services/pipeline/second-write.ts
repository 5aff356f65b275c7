import type { Photo } from "../../domain/photo.js";
import type { Logger } from "../../ports/logger.js";
import type { PhotoBucket } from "../../ports/photo-bucket.js";

/** More newer versions than this in one run means something other than a replayed ticket: stop and say so. */
const MAX_VERSIONS_UNDONE = 20;

/**
 * A photo that already has bytes got another write on its ticket (a browser POST form can be sent again
 * until it expires; a POST policy cannot say "create only"). The photo must not change: it is neither
 * reprocessed nor rejected. In a versioned bucket (AWS) the later writes are undone: each version newer
 * than the processed one (`processedEtag`) is deleted, which makes the processed version current again,
 * so the owner's original is the photo its variants were made from. Without versions (a store that
 * neither versions nor refuses overwrites) nothing can be restored, and the photo keeps its record.
 */
export async function undoSecondWrites(
  deps: { photoBucket: PhotoBucket; logger: Logger },
  photo: Photo,
  processedEtag: string,
): Promise<"second-write-undone" | "second-write-ignored"> {
  const { photoBucket, logger } = deps;
  const facts = { photoId: photo.id, key: photo.objectKey };
  let undone = 0;
  let current = await photoBucket.head(photo.objectKey);
  // Stops at the processed version, or when the object is gone (its photo is being deleted).
  while (current !== undefined && current.etag !== processedEtag) {
    if (current.versionId === undefined || undone === MAX_VERSIONS_UNDONE) {
      logger.warn("pipeline.second_write_kept", { ...facts, etag: current.etag, undone });
      return "second-write-ignored";
    }
    await photoBucket.deleteVersion(photo.objectKey, current.versionId);
    undone++;
    current = await photoBucket.head(photo.objectKey);
  }
  logger.info("pipeline.second_write_undone", { ...facts, undone });
  return "second-write-undone";
}
