import { guestLinkIdOf } from "../../domain/guest-link.js";
import type { Photo } from "../../domain/photo.js";
import type { GuestLinkRepository } from "../../ports/guest-link-repository.js";

/**
 * A guest's duplicate costs nothing: the upload slot and declared bytes its ticket reserved on the link
 * are given back, once, right after the conditional write that made the photo a duplicate (only one run
 * ever makes it). A crash between the two keeps the reservation counted: the cap errs on the safe side.
 */
export async function refundGuestDuplicate(guestLinks: GuestLinkRepository, photo: Photo): Promise<void> {
  const linkId = guestLinkIdOf(photo.ownerId);
  if (linkId === undefined) return;
  await guestLinks.releaseUpload(linkId, photo.declaredSize);
}
