import { ForbiddenError, LinkGoneError, NotFoundError, ValidationError } from "../../domain/errors.js";
import { canManageLinks } from "../../domain/event-roles.js";
import { GUEST_NAME_MAX, type GuestLink, guestAllowanceLeft, guestOwnerId } from "../../domain/guest-link.js";
import {
  type GuestLinkMode,
  guestGalleryAccess,
  parseGuestLinkVisibility,
} from "../../domain/guest-link-mode.js";
import { assertKnownIdShape } from "../../domain/identifiers.js";
import { type LinkStatus, linkExpiry, linkStatus, parseLinkPassword } from "../../domain/link-rules.js";
import { assertPageRequest, type Page, type PageRequest } from "../../domain/page.js";
import type { Photo } from "../../domain/photo.js";
import type { Principal } from "../../domain/principal.js";
import { optionalText } from "../../domain/text.js";
import { assertUploadsOpen, type UploadWindowView, uploadWindowView } from "../../domain/upload-window.js";
import type { Clock } from "../../ports/clock.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { GuestLinkRepository } from "../../ports/guest-link-repository.js";
import type { Ids } from "../../ports/ids.js";
import type { LinkTokens } from "../../ports/link-tokens.js";
import type { PasswordHasher } from "../../ports/password-hasher.js";
import type { UploadMethod, UploadTicket } from "../../ports/photo-bucket.js";
import { findAttendedEvent } from "../events/event-access.js";
import type { UploadService } from "../uploads/upload.service.js";
import { findActiveGuestLink } from "./active-guest-link.js";
import type { LinkPasswordGate } from "./link-password-gate.js";
export interface GuestUploadServiceDeps {
  guestLinks: GuestLinkRepository;
  events: EventRepository;
  uploads: UploadService;
  passwords: PasswordHasher;
  passwordGate: LinkPasswordGate;
  tokens: LinkTokens;
  ids: Ids;
  clock: Clock;
}

export interface CreateGuestLinkInput {
  expiresAt?: Date;
  password?: string;
  maxUploads?: number;
  maxBytes?: number;
  /** Default `upload_and_view`; `view_after_reveal` needs `revealAt`. */
  mode?: GuestLinkMode;
  revealAt?: Date;
}

export interface GuestUploadInput {
  filename: string;
  contentType: string;
  size: number;
  title?: string;
  description?: string;
  guestName?: string;
  password?: string;
  method?: UploadMethod;
}

/** What a guest holding the link learns: the event's name and what the link still allows; no people. */
export interface GuestLinkInfo {
  eventName: string;
  expiresAt: Date;
  passwordRequired: boolean;
  uploadsLeft?: number;
  bytesLeft?: number;
  /** The event's upload window now: the guest page shows "Uploads are closed" instead of the drop zone. */
  uploadWindow: UploadWindowView;
  mode: GuestLinkMode;
  revealAt?: Date;
  /** Whether the event's gallery is open to this link's guests now. */
  galleryOpen: boolean;
}

/**
 * Guest uploads: the organizer makes, lists and revokes upload links for an event; anyone holding one
 * uploads to that event through the same ticket flow as signed-in users, without an account. Each upload
 * is counted atomically against the link's caps before its ticket is issued.
 */
export class GuestUploadService {
  constructor(private readonly deps: GuestUploadServiceDeps) {}

  /** Organizer only (`NotFoundError` for non-attendees, `ForbiddenError` for attendees). Returns the token once. */
  async createLink(
    p: Principal,
    eventId: string,
    input: CreateGuestLinkInput,
  ): Promise<{ link: GuestLink; token: string }> {
    await this.requireOrganizer(p, eventId);
    const now = this.deps.clock.now();
    const expiresAt = linkExpiry(now, input.expiresAt);
    const password = parseLinkPassword(input.password);
    const visibility = parseGuestLinkVisibility(input);
    for (const [field, value] of [
      ["maxUploads", input.maxUploads],
      ["maxBytes", input.maxBytes],
    ] as const) {
      if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
        throw new ValidationError(`${field} must be a positive whole number`);
      }
    }
    const token = this.deps.tokens.newToken();
    const link: GuestLink = {
      id: this.deps.ids.newId(),
      tokenHash: this.deps.tokens.hashOf(token),
      eventId,
      createdBy: p.userId,
      ...(password === undefined ? {} : { passwordHash: await this.deps.passwords.hash(password) }),
      ...(input.maxUploads === undefined ? {} : { maxUploads: input.maxUploads }),
      ...(input.maxBytes === undefined ? {} : { maxBytes: input.maxBytes }),
      uploads: 0,
      bytes: 0,
      createdAt: now,
      expiresAt,
      ...visibility,
    };
    await this.deps.guestLinks.create(link);
    return { link, token };
  }

  /** The event's upload links, newest first, with their status now (organizer and co-hosts). */
  async listLinks(
    p: Principal,
    eventId: string,
    page: PageRequest,
  ): Promise<Page<{ link: GuestLink; status: LinkStatus }>> {
    assertPageRequest(page);
    await this.requireOrganizer(p, eventId);
    const links = await this.deps.guestLinks.listByEvent(eventId, page);
    const now = this.deps.clock.now();
    return { ...links, items: links.items.map((link) => ({ link, status: linkStatus(link, now) })) };
  }

  /** Revokes at once: no ticket is issued through it afterwards. The event's organizer or a co-host only; else `NotFoundError`. */
  async revokeLink(p: Principal, linkId: string): Promise<{ link: GuestLink; status: LinkStatus }> {
    assertKnownIdShape("Guest link", linkId);
    const link = await this.deps.guestLinks.get(linkId);
    const attendance = link && (await this.deps.events.getAttendance(link.eventId, p.userId));
    if (link === undefined || attendance === undefined || !canManageLinks(attendance.role)) {
      throw new NotFoundError("Guest link", linkId);
    }
    const revoked = (await this.deps.guestLinks.revoke(linkId, this.deps.clock.now())) ?? link;
    return { link: revoked, status: linkStatus(revoked, this.deps.clock.now()) };
  }

  /** What the guest page shows. `NotFoundError` for an unknown token, `LinkGoneError` once revoked or expired. */
  async describe(token: string): Promise<GuestLinkInfo> {
    const link = await this.activeLink(token);
    const event = await this.deps.events.get(link.eventId);
    if (event === undefined) throw new NotFoundError("Event", link.eventId);
    const left = guestAllowanceLeft(link);
    return {
      eventName: event.name,
      expiresAt: link.expiresAt,
      passwordRequired: link.passwordHash !== undefined,
      uploadWindow: uploadWindowView(event, this.deps.clock.now()),
      mode: link.mode,
      ...(link.revealAt === undefined ? {} : { revealAt: link.revealAt }),
      galleryOpen: guestGalleryAccess(link, this.deps.clock.now()).open,
      ...(left.uploads === undefined ? {} : { uploadsLeft: left.uploads }),
      ...(left.bytes === undefined ? {} : { bytesLeft: left.bytes }),
    };
  }

  /**
   * Issues an upload ticket to the link's event. Checks the password (rate-limited), then the upload
   * itself (type, size, text), then reserves it against the link's caps — atomically, so the cap holds
   * under concurrent guests — and only then records the pending photo. A reservation whose ticket could
   * not be issued stays counted (conservative: the cap is never exceeded). `ForbiddenError` when the caps
   * are reached; `LinkGoneError` once revoked or expired.
   */
  async initiateUpload(
    token: string,
    input: GuestUploadInput,
    clientAddress: string,
  ): Promise<{ photo: Photo; ticket: UploadTicket; deleteKey: string }> {
    const link = await this.activeLink(token);
    await this.deps.passwordGate.check(link, input.password, clientAddress);
    const guestName = optionalText(input.guestName, { field: "guestName", max: GUEST_NAME_MAX });
    this.deps.uploads.checkUpload(input);
    // Before the reservation: a refused upload must not use up the link's allowance.
    const event = await this.deps.events.get(link.eventId);
    if (event === undefined) throw new NotFoundError("Event", link.eventId);
    assertUploadsOpen(event, this.deps.clock.now());
    const reserved = await this.deps.guestLinks.reserveUpload(link.id, input.size, this.deps.clock.now());
    if (reserved === undefined) throw await this.whyNotReserved(link.id);
    const { password: _password, guestName: _guestName, ...upload } = input;
    // The guest's capability to delete (and follow) this one upload: a fresh random secret, of which only
    // the hash is kept, so neither the photo id nor the database lets anyone else act for the guest.
    const deleteKey = this.deps.tokens.newToken();
    const issued = await this.deps.uploads.initiateAsGuest(
      {
        ownerId: guestOwnerId(link.id),
        eventId: link.eventId,
        guestKeyHash: this.deps.tokens.hashOf(deleteKey),
        ...(guestName === undefined ? {} : { guestName }),
      },
      upload,
    );
    return { ...issued, deleteKey };
  }

  private async whyNotReserved(linkId: string): Promise<Error> {
    const link = await this.deps.guestLinks.get(linkId);
    if (link === undefined) return new NotFoundError("Guest link", linkId);
    const status = linkStatus(link, this.deps.clock.now());
    if (status !== "active") return new LinkGoneError(status);
    return new ForbiddenError("This upload link allows no more uploads (its limit is reached)");
  }

  private activeLink(token: string): Promise<GuestLink> {
    return findActiveGuestLink(this.deps, token);
  }

  private async requireOrganizer(p: Principal, eventId: string): Promise<void> {
    const { attendance } = await findAttendedEvent(this.deps.events, p, eventId);
    if (!canManageLinks(attendance.role)) {
      throw new ForbiddenError("Only the event's organizer or a co-host may manage its upload links");
    }
  }
}
