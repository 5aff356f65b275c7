import { contentScopeOf, holdsItsContent, type Photo } from "../../domain/photo.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";

/** Bounds the hand-overs in one call: each needs another claimant to have raced us, so 3 is plenty. */
const MAX_TAKEOVERS = 3;

/**
 * Claims the photo's bytes in its scope (its event, or its owner's library) and returns the photo that
 * holds them: `photo.id` when it is the first, else the earlier photo it duplicates. A claim left by a
 * photo that no longer keeps its bytes (deleted, rejected, itself a duplicate) is taken over, so a stale
 * claim never turns a new upload into a duplicate of nothing. The repository's conditional claim makes two
 * identical photos processed at the same moment resolve to exactly one holder.
 */
export async function claimContentFor(
  photos: PhotoRepository,
  photo: Photo,
  sha256: string,
): Promise<string> {
  const claim = { scope: contentScopeOf(photo), sha256, photoId: photo.id };
  let holder = await photos.claimContent(claim);
  for (let takeover = 0; holder !== photo.id && takeover < MAX_TAKEOVERS; takeover++) {
    if (holdsItsContent(await photos.get(holder))) return holder;
    holder = await photos.claimContent(claim, { replacing: holder });
  }
  return holder;
}
