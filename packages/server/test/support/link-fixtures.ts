import type { GuestLink } from "../../src/domain/guest-link.js";
import type { ShareLink } from "../../src/domain/share-link.js";
import { at } from "./fixtures.js";

/** An active share link of photo `p1` by `user-1`, made at T0 and expiring a day later. */
export function makeShareLink(overrides: Partial<ShareLink> & Pick<ShareLink, "id">): ShareLink {
  return {
    tokenHash: `hash-${overrides.id}`,
    ownerId: "user-1",
    target: { kind: "photo", photoId: "p1" },
    allowDownload: false,
    createdAt: at(0),
    expiresAt: at(86_400),
    ...overrides,
  };
}

/** An active, uncapped `upload_and_view` guest link of `event-1`, made at T0 and expiring a day later. */
export function makeGuestLink(overrides: Partial<GuestLink> & Pick<GuestLink, "id">): GuestLink {
  return {
    tokenHash: `hash-${overrides.id}`,
    eventId: "event-1",
    createdBy: "user-organizer",
    mode: "upload_and_view",
    uploads: 0,
    bytes: 0,
    createdAt: at(0),
    expiresAt: at(86_400),
    ...overrides,
  };
}
