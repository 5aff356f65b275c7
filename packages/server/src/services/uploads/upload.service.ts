import { type PhotoReview, reviewOfNewUpload } from "../../domain/approval.js";
import { assertUsableUserId } from "../../domain/identifiers.js";
import { uploadObjectKey } from "../../domain/object-keys.js";
import type { Photo } from "../../domain/photo.js";
import type { Principal } from "../../domain/principal.js";
import {
  assertUploadSize,
  displayFilename,
  parseImageContentType,
  parsePhotoText,
  UPLOAD_CACHE_CONTROL,
  uploadMetadata,
} from "../../domain/upload-rules.js";
import { assertUploadsOpen } from "../../domain/upload-window.js";
import { uploaderNameOf } from "../../domain/uploader.js";
import type { Clock } from "../../ports/clock.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { Ids } from "../../ports/ids.js";
import type { PhotoBucket, UploadMethod, UploadTicket } from "../../ports/photo-bucket.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import { requireAttendance } from "../events/event-access.js";

export interface UploadServiceDeps {
  photos: PhotoRepository;
  events: EventRepository;
  photoBucket: PhotoBucket;
  clock: Clock;
  ids: Ids;
}

export interface UploadServiceOptions {
  /** Largest upload through a ticket (the store enforces it). Default 50 MB. */
  maxUploadBytes: number;
  /** Largest upload through the API itself (API Gateway caps bodies at 10 MB). Default 10 MB. */
  maxDirectUploadBytes: number;
  /** How long a ticket works: 300–900 s, default 600. */
  ticketTtlSeconds: number;
}

export interface InitiateUploadInput {
  eventId?: string;
  filename: string;
  contentType: string;
  size: number;
  title?: string;
  description?: string;
  method?: UploadMethod;
}

export interface DirectUploadInput {
  eventId?: string;
  filename?: string;
  contentType: string;
  body: Buffer;
  title?: string;
  description?: string;
}

const MB = 1_000_000;
const DEFAULT_OPTIONS: UploadServiceOptions = {
  maxUploadBytes: 50 * MB,
  maxDirectUploadBytes: 10 * MB,
  ticketTtlSeconds: 600,
};
const TICKET_TTL_RANGE = { min: 300, max: 900 };

/**
 * Starts uploads. The API never carries photo bytes for tickets: it writes a `pending` record, then hands
 * out a presigned POST/PUT that pins key, type, size and metadata; the store's ObjectCreated event takes it
 * from there. If issuing the ticket fails after the record was written, the record stays pending and the
 * reconciler expires it once `uploadExpiresAt` passes.
 */
export class UploadService {
  private readonly options: UploadServiceOptions;

  constructor(
    private readonly deps: UploadServiceDeps,
    options: Partial<UploadServiceOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    const { ticketTtlSeconds: ttl, maxUploadBytes, maxDirectUploadBytes } = this.options;
    if (!Number.isInteger(ttl) || ttl < TICKET_TTL_RANGE.min || ttl > TICKET_TTL_RANGE.max) {
      throw new RangeError(
        `ticketTtlSeconds must be ${TICKET_TTL_RANGE.min}–${TICKET_TTL_RANGE.max}, got ${ttl}`,
      );
    }
    if (!(maxUploadBytes > 0 && maxDirectUploadBytes > 0))
      throw new RangeError("upload limits must be positive");
  }

  /**
   * Checks the request, writes the `pending` photo, then asks the store for a ticket bounded by the declared
   * size. `NotFoundError` / `NotAttendeeError` for an unknown / unattended event,
   * `UnsupportedContentTypeError`, `UploadTooLargeError`, `ValidationError` for bad sizes or text.
   */
  async initiate(p: Principal, input: InitiateUploadInput): Promise<{ photo: Photo; ticket: UploadTicket }> {
    return this.issueTicket(signedInOwner(this.deps.events, p, input.eventId, this.deps.clock), input);
  }

  /**
   * Like `initiate`, for a guest holding an event's upload link: the photo goes to `eventId` with the guest
   * owner id (`guestOwnerId`) and display name. The caller (the guest-upload service) has already checked
   * the link and reserved the upload against its caps; there is no attendance to check.
   */
  async initiateAsGuest(
    guest: { ownerId: string; eventId: string; guestName?: string; guestKeyHash?: string },
    input: Omit<InitiateUploadInput, "eventId">,
  ): Promise<{ photo: Photo; ticket: UploadTicket }> {
    const owner: PhotoOwner = {
      ownerId: guest.ownerId,
      uploaderName: uploaderNameOf({ guestName: guest.guestName }),
      ...(guest.guestName === undefined ? {} : { guestName: guest.guestName }),
      ...(guest.guestKeyHash === undefined ? {} : { guestKeyHash: guest.guestKeyHash }),
      // The link was checked by the caller; the event's approval mode decides whether the photo waits.
      authorize: async () => {
        const event = await this.deps.events.get(guest.eventId);
        return reviewOfNewUpload(event?.approvalMode, { kind: "guest" });
      },
    };
    return this.issueTicket(owner, { ...input, eventId: guest.eventId });
  }

  /** The checks an upload must pass before anything is written (type and size), for callers that reserve first. */
  checkUpload(input: { contentType: string; size: number; title?: string; description?: string }): void {
    parseImageContentType(input.contentType);
    assertUploadSize(input.size, this.options.maxUploadBytes);
    parsePhotoText(input);
  }

  private async issueTicket(
    owner: PhotoOwner,
    input: InitiateUploadInput,
  ): Promise<{ photo: Photo; ticket: UploadTicket }> {
    const { contentType, extension } = parseImageContentType(input.contentType);
    assertUploadSize(input.size, this.options.maxUploadBytes);
    const photo = await this.recordPendingPhoto(owner, {
      ...input,
      contentType,
      extension,
      size: input.size,
    });
    const method = input.method ?? "POST";
    const ticket = await this.deps.photoBucket.createUploadTicket({
      method,
      key: photo.objectKey,
      contentType,
      maxBytes: input.size,
      ...(method === "PUT" ? { exactBytes: input.size } : {}),
      metadata: uploadMetadata(photo),
      cacheControl: UPLOAD_CACHE_CONTROL,
      expiresInSeconds: this.options.ticketTtlSeconds,
    });
    return { photo, ticket };
  }

  /**
   * Uploads a small photo through the API for clients that cannot do two steps: the same checks, the
   * `pending` record first, then a create-only write with the same metadata a ticket would pin.
   */
  async uploadDirect(p: Principal, input: DirectUploadInput): Promise<Photo> {
    const { contentType, extension } = parseImageContentType(input.contentType);
    assertUploadSize(input.body.length, this.options.maxDirectUploadBytes);
    const photo = await this.recordPendingPhoto(
      signedInOwner(this.deps.events, p, input.eventId, this.deps.clock),
      {
        ...input,
        contentType,
        extension,
        size: input.body.length,
      },
    );
    await this.deps.photoBucket.write(photo.objectKey, input.body, {
      contentType,
      metadata: uploadMetadata(photo),
      cacheControl: UPLOAD_CACHE_CONTROL,
      ifNoneMatch: "*",
      contentLength: input.body.length,
    });
    return photo;
  }

  private async recordPendingPhoto(
    owner: PhotoOwner,
    input: {
      eventId?: string | undefined;
      filename?: string | undefined;
      title?: string | undefined;
      description?: string | undefined;
      contentType: string;
      extension: string;
      size: number;
    },
  ): Promise<Photo> {
    assertUsableUserId(owner.ownerId);
    const text = parsePhotoText(input);
    const filename = displayFilename(input.filename, `photo.${input.extension}`);
    const review = await owner.authorize();
    const id = this.deps.ids.newId();
    const now = this.deps.clock.now();
    const photo: Photo = {
      id,
      ownerId: owner.ownerId,
      ...(input.eventId === undefined ? {} : { eventId: input.eventId }),
      objectKey: uploadObjectKey({
        ownerId: owner.ownerId,
        eventId: input.eventId,
        photoId: id,
        extension: input.extension,
      }),
      filename,
      contentType: input.contentType,
      declaredSize: input.size,
      ...text,
      ...(owner.guestName === undefined ? {} : { guestName: owner.guestName }),
      ...(review === undefined ? {} : { review }),
      uploaderName: owner.uploaderName,
      ...(owner.guestKeyHash === undefined ? {} : { guestKeyHash: owner.guestKeyHash }),
      status: "pending",
      createdAt: now,
      updatedAt: now,
      uploadExpiresAt: new Date(now.getTime() + this.options.ticketTtlSeconds * 1000),
    };
    await this.deps.photos.create(photo);
    return photo;
  }
}

/** Who a new photo belongs to, and the check that they may put it where it goes. */
interface PhotoOwner {
  ownerId: string;
  /** Recorded on the photo: who others see as its uploader. */
  uploaderName: string;
  guestName?: string;
  guestKeyHash?: string;
  /** Refuses an uploader who may not put the photo there; else whether it waits for review (`approval.ts`). */
  authorize(): Promise<PhotoReview | undefined>;
}

/**
 * A signed-in uploader: an event upload needs attendance (the id's shape is checked before it can become
 * part of the key, then existence and attendance).
 */
function signedInOwner(
  events: EventRepository,
  p: Principal,
  eventId: string | undefined,
  clock: Clock,
): PhotoOwner {
  return {
    ownerId: p.userId,
    uploaderName: uploaderNameOf({ principal: p }),
    authorize: async () => {
      if (eventId === undefined) return undefined;
      const { event, attendance } = await requireAttendance(events, p, eventId);
      assertUploadsOpen(event, clock.now());
      return reviewOfNewUpload(event.approvalMode, { kind: "attendee", role: attendance.role });
    },
  };
}
