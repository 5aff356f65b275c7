import { cryptoIds } from "../adapters/crypto/crypto-ids.js";
import { cryptoLinkTokens } from "../adapters/crypto/crypto-link-tokens.js";
import { scryptPasswordHasher } from "../adapters/crypto/scrypt-password-hasher.js";
import type { Config } from "../config/load-config.js";
import type { AppDeps } from "../http/app-env.js";
import type { Clock } from "../ports/clock.js";
import type { DeliveryUrls } from "../ports/delivery-urls.js";
import type { EventDeletionTrigger } from "../ports/event-deletion-trigger.js";
import type { EventRepository } from "../ports/event-repository.js";
import type { GuestLinkRepository } from "../ports/guest-link-repository.js";
import type { AccessGrants } from "../ports/link-tokens.js";
import type { PhotoBucket } from "../ports/photo-bucket.js";
import type { PhotoChangeNotifier } from "../ports/photo-change-notifier.js";
import type { PhotoRepository } from "../ports/photo-repository.js";
import type { PipelineTrigger } from "../ports/pipeline-trigger.js";
import type { RateLimits } from "../ports/rate-limiter.js";
import type { ShareLinkRepository } from "../ports/share-link-repository.js";
import { AttendeeRoleService } from "../services/events/attendee-roles.service.js";
import { EventService } from "../services/events/event.service.js";
import { EventManagementService } from "../services/events/event-management.service.js";
import { InvitePreviewService } from "../services/events/invite-preview.service.js";
import { GalleryService } from "../services/gallery/gallery.service.js";
import { PhotoStatusService } from "../services/gallery/photo-status.service.js";
import { ReviewService } from "../services/review/review.service.js";
import { GuestGalleryService } from "../services/sharing/guest-gallery.service.js";
import { GuestPhotoService } from "../services/sharing/guest-photos.service.js";
import { GuestUploadService } from "../services/sharing/guest-upload.service.js";
import { LinkPasswordGate } from "../services/sharing/link-password-gate.js";
import { PublicShareService } from "../services/sharing/public-share.service.js";
import { SharingService } from "../services/sharing/sharing.service.js";
import { UploadService } from "../services/uploads/upload.service.js";

/** The ports sharing needs beyond the core's; a host without them serves no sharing routes. */
export interface SharingPorts {
  shareLinks: ShareLinkRepository;
  guestLinks: GuestLinkRepository;
  grants: AccessGrants;
}

/** What each host brings: its adapters behind the ports the services use. */
export interface CorePorts {
  photos: PhotoRepository;
  events: EventRepository;
  photoBucket: PhotoBucket;
  deliveryUrls: DeliveryUrls;
  clock: Clock;
  /** Where an owner's retry goes: the host's pipeline queue. */
  pipelineTrigger: PipelineTrigger;
  /** Where an event's deletion goes: the host's durable queue (embedded jobs, or the pipeline's SQS queue). */
  eventDeletions: EventDeletionTrigger;
  /** Wakes long polls when the pipeline runs in the same process (embedded); absent, they re-read. */
  changes?: PhotoChangeNotifier;
  sharing?: SharingPorts;
  rateLimits: RateLimits;
}

export type CoreSettings = Pick<Config, "uploads" | "sharing">;

/** The services the HTTP app serves, the same on every host. */
export type Core = Pick<
  AppDeps,
  | "events"
  | "uploads"
  | "gallery"
  | "photoStatus"
  | "review"
  | "roles"
  | "sharing"
  | "rateLimits"
  | "eventManagement"
  | "invitePreviews"
>;

/**
 * Wires the request-side services once, for every host: a host only chooses the adapters (`ports`) and
 * owns its lifecycle. The pipeline is wired by `createPhotoPipeline`, apart, so that the API's Lambda
 * bundle never loads sharp.
 */
export function createCore(ports: CorePorts, settings: CoreSettings): Core {
  const { photos, events, photoBucket, deliveryUrls, clock, changes } = ports;
  const viewUrlTtlSeconds = settings.uploads.viewUrlTtlSeconds;
  const uploads = new UploadService({ photos, events, photoBucket, clock, ids: cryptoIds }, settings.uploads);
  const pipeline = ports.pipelineTrigger;
  return {
    events: new EventService({ events, clock, ids: cryptoIds }),
    eventManagement: new EventManagementService(
      { events, photos, deliveryUrls, deletions: ports.eventDeletions, clock },
      { viewUrlTtlSeconds },
    ),
    uploads,
    gallery: new GalleryService(
      { photos, events, photoBucket, deliveryUrls, ...(changes ? { changes } : {}) },
      { viewUrlTtlSeconds },
    ),
    photoStatus: new PhotoStatusService(
      { photos, events, photoBucket, deliveryUrls, pipeline, clock },
      { viewUrlTtlSeconds },
    ),
    review: new ReviewService({ photos, events, photoBucket, deliveryUrls, clock }, { viewUrlTtlSeconds }),
    roles: new AttendeeRoleService({ events }),
    invitePreviews: new InvitePreviewService({ events, photos, deliveryUrls }),
    ...(ports.sharing ? { sharing: createSharing(ports, ports.sharing, uploads, settings) } : {}),
    rateLimits: ports.rateLimits,
  };
}

/**
 * The sharing services over the host's link repositories and grant secret: link tokens from the CSPRNG,
 * link passwords hashed with scrypt behind a rate-limited gate.
 */
function createSharing(
  ports: CorePorts,
  { shareLinks, guestLinks, grants }: SharingPorts,
  uploads: UploadService,
  settings: CoreSettings,
): NonNullable<AppDeps["sharing"]> {
  const { clock, photos, events, deliveryUrls, photoBucket, changes } = ports;
  const passwords = scryptPasswordHasher();
  const limiter = ports.rateLimits.linkPasswords;
  const passwordGate = new LinkPasswordGate({ passwords, ...(limiter ? { limiter } : {}) });
  const common = { events, passwords, tokens: cryptoLinkTokens, ids: cryptoIds, clock };
  return {
    sharing: new SharingService({ ...common, photos, shareLinks, deliveryUrls }),
    publicShares: new PublicShareService(
      { shareLinks, photos, events, deliveryUrls, tokens: cryptoLinkTokens, grants, passwordGate, clock },
      { imageUrlTtlSeconds: settings.sharing.imageUrlTtlSeconds },
    ),
    guestUploads: new GuestUploadService({ ...common, guestLinks, uploads, passwordGate }),
    guestGallery: new GuestGalleryService({
      guestLinks,
      photos,
      deliveryUrls,
      tokens: cryptoLinkTokens,
      passwordGate,
      clock,
    }),
    guestPhotos: new GuestPhotoService({
      guestLinks,
      photos,
      photoBucket,
      tokens: cryptoLinkTokens,
      clock,
      ...(changes ? { changes } : {}),
    }),
  };
}
