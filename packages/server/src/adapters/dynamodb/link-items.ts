import type { GuestLink } from "../../domain/guest-link.js";
import { type GuestLinkMode, LEGACY_GUEST_LINK_MODE } from "../../domain/guest-link-mode.js";
import type { ShareLink } from "../../domain/share-link.js";
import {
  guestLinkKey,
  guestTokenKey,
  indexPartitions,
  shareLinkKey,
  shareTokenKey,
  type TableKey,
  timeThenId,
} from "./keys.js";
import { TIME_TO_LIVE_ATTRIBUTE } from "./table-definition.js";

type Item = Record<string, unknown>;

/**
 * How long DynamoDB keeps a link after it expired: its creator still sees it (as expired) in their list
 * for that long; then TTL deletes the link and its token item. Expiry itself never depends on TTL (the
 * services compare `expiresAt`), since TTL deletes up to days late.
 */
export const EXPIRED_LINK_RETENTION_SECONDS = 90 * 24 * 3600;

/**
 * The allowance an uncapped guest link starts with. Caps are enforced by comparing remaining-allowance
 * attributes in the reservation's condition (conditions cannot add), so every guest link carries them;
 * for no cap, one nobody can exhaust that still reads back as a safe integer.
 */
export const UNCAPPED_ALLOWANCE = Number.MAX_SAFE_INTEGER;

/** Epoch seconds at which TTL may delete a link expiring at `expiresAt`. */
export function linkTimeToLive(expiresAt: Date): number {
  return Math.ceil(expiresAt.getTime() / 1000) + EXPIRED_LINK_RETENTION_SECONDS;
}

/** The item reserving a token hash for one link; it expires with the link. */
export function tokenItem(key: TableKey, entity: string, linkId: string, expiresAt: Date): Item {
  return { ...key, entity, linkId, [TIME_TO_LIVE_ATTRIBUTE]: linkTimeToLive(expiresAt) };
}

/** A share link's item, in its owner's list (GSI1, newest first by the Query). */
export function shareLinkItem(link: ShareLink): Item {
  const createdAt = link.createdAt.getTime();
  return {
    ...shareLinkKey(link.id),
    entity: "shareLink",
    id: link.id,
    tokenHash: link.tokenHash,
    ownerId: link.ownerId,
    targetKind: link.target.kind,
    ...(link.target.kind === "photo" ? { photoId: link.target.photoId } : { eventId: link.target.eventId }),
    allowDownload: link.allowDownload,
    ...(link.passwordHash === undefined ? {} : { passwordHash: link.passwordHash }),
    createdAt,
    expiresAt: link.expiresAt.getTime(),
    ...(link.revokedAt === undefined ? {} : { revokedAt: link.revokedAt.getTime() }),
    GSI1PK: indexPartitions.ownerShareLinks(link.ownerId),
    GSI1SK: timeThenId(createdAt, link.id),
    GSI2PK: indexPartitions.shareTargetLinks(
      link.target.kind,
      link.target.kind === "photo" ? link.target.photoId : link.target.eventId,
    ),
    GSI2SK: timeThenId(createdAt, link.id),
    [TIME_TO_LIVE_ATTRIBUTE]: linkTimeToLive(link.expiresAt),
  };
}

/** The share link a share link item holds (absent optional fields stay absent). */
export function itemToShareLink(item: Item): ShareLink {
  const link: ShareLink = {
    id: item.id as string,
    tokenHash: item.tokenHash as string,
    ownerId: item.ownerId as string,
    target:
      item.targetKind === "photo"
        ? { kind: "photo", photoId: item.photoId as string }
        : { kind: "event", eventId: item.eventId as string },
    allowDownload: item.allowDownload as boolean,
    createdAt: new Date(item.createdAt as number),
    expiresAt: new Date(item.expiresAt as number),
  };
  if (item.passwordHash !== undefined) link.passwordHash = item.passwordHash as string;
  if (item.revokedAt !== undefined) link.revokedAt = new Date(item.revokedAt as number);
  return link;
}

export const shareTokenItem = (link: ShareLink): Item =>
  tokenItem(shareTokenKey(link.tokenHash), "shareLinkToken", link.id, link.expiresAt);

/**
 * A guest link's item, in its event's list (GSI1). Besides the counters it carries what is left of each
 * cap (`uploadsLeft`, `bytesLeft`), which a reservation decrements only while it stays ≥ 0.
 */
export function guestLinkItem(link: GuestLink): Item {
  const createdAt = link.createdAt.getTime();
  return {
    ...guestLinkKey(link.id),
    entity: "guestLink",
    id: link.id,
    tokenHash: link.tokenHash,
    eventId: link.eventId,
    createdBy: link.createdBy,
    ...(link.passwordHash === undefined ? {} : { passwordHash: link.passwordHash }),
    ...(link.maxUploads === undefined ? {} : { maxUploads: link.maxUploads }),
    ...(link.maxBytes === undefined ? {} : { maxBytes: link.maxBytes }),
    uploads: link.uploads,
    bytes: link.bytes,
    uploadsLeft: link.maxUploads === undefined ? UNCAPPED_ALLOWANCE : link.maxUploads - link.uploads,
    bytesLeft: link.maxBytes === undefined ? UNCAPPED_ALLOWANCE : link.maxBytes - link.bytes,
    createdAt,
    expiresAt: link.expiresAt.getTime(),
    ...(link.revokedAt === undefined ? {} : { revokedAt: link.revokedAt.getTime() }),
    mode: link.mode,
    ...(link.revealAt === undefined ? {} : { revealAt: link.revealAt.getTime() }),
    GSI1PK: indexPartitions.eventGuestLinks(link.eventId),
    GSI1SK: timeThenId(createdAt, link.id),
    [TIME_TO_LIVE_ATTRIBUTE]: linkTimeToLive(link.expiresAt),
  };
}

/** The guest link a guest link item holds; the allowance attributes stay internal. */
export function itemToGuestLink(item: Item): GuestLink {
  const link: GuestLink = {
    id: item.id as string,
    tokenHash: item.tokenHash as string,
    eventId: item.eventId as string,
    createdBy: item.createdBy as string,
    uploads: item.uploads as number,
    bytes: item.bytes as number,
    createdAt: new Date(item.createdAt as number),
    expiresAt: new Date(item.expiresAt as number),
    // Items written before modes existed have none: they stay drop boxes.
    mode: (item.mode as GuestLinkMode | undefined) ?? LEGACY_GUEST_LINK_MODE,
  };
  if (item.passwordHash !== undefined) link.passwordHash = item.passwordHash as string;
  if (item.revealAt !== undefined) link.revealAt = new Date(item.revealAt as number);
  if (item.maxUploads !== undefined) link.maxUploads = item.maxUploads as number;
  if (item.maxBytes !== undefined) link.maxBytes = item.maxBytes as number;
  if (item.revokedAt !== undefined) link.revokedAt = new Date(item.revokedAt as number);
  return link;
}

export const guestTokenItem = (link: GuestLink): Item =>
  tokenItem(guestTokenKey(link.tokenHash), "guestLinkToken", link.id, link.expiresAt);
