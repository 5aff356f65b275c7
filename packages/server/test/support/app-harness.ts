import { randomBytes } from "node:crypto";
import { cryptoLinkTokens } from "../../src/adapters/crypto/crypto-link-tokens.js";
import { HmacAccessGrants } from "../../src/adapters/crypto/hmac-access-grants.js";
import { scryptPasswordHasher } from "../../src/adapters/crypto/scrypt-password-hasher.js";
import { FixedWindowRateLimiter } from "../../src/adapters/in-process/fixed-window-rate-limiter.js";
import { InProcessChangeNotifier } from "../../src/adapters/in-process/in-process-change-notifier.js";
import { photoBucketDeliveryUrls } from "../../src/adapters/s3/photo-bucket-delivery-urls.js";
import { UnauthenticatedError } from "../../src/domain/errors.js";
import type { Principal } from "../../src/domain/principal.js";
import { createApp } from "../../src/http/app.js";
import type { AppDeps } from "../../src/http/app-env.js";
import type { EventDeletionJob } from "../../src/ports/event-deletion-trigger.js";
import type { LogFields, Logger } from "../../src/ports/logger.js";
import type { TokenVerifier } from "../../src/ports/token-verifier.js";
import { AttendeeRoleService } from "../../src/services/events/attendee-roles.service.js";
import { EventService } from "../../src/services/events/event.service.js";
import { EventDeletionService } from "../../src/services/events/event-deletion.service.js";
import { EventManagementService } from "../../src/services/events/event-management.service.js";
import { InvitePreviewService } from "../../src/services/events/invite-preview.service.js";
import { GalleryService } from "../../src/services/gallery/gallery.service.js";
import { PhotoStatusService } from "../../src/services/gallery/photo-status.service.js";
import { ReviewService } from "../../src/services/review/review.service.js";
import { GuestGalleryService } from "../../src/services/sharing/guest-gallery.service.js";
import { GuestPhotoService } from "../../src/services/sharing/guest-photos.service.js";
import { GuestUploadService } from "../../src/services/sharing/guest-upload.service.js";
import { LinkPasswordGate } from "../../src/services/sharing/link-password-gate.js";
import { PublicShareService } from "../../src/services/sharing/public-share.service.js";
import { SharingService } from "../../src/services/sharing/sharing.service.js";
import { UploadService } from "../../src/services/uploads/upload.service.js";
import { InMemoryEventRepository } from "./fakes/in-memory-event.repository.js";
import { InMemoryGuestLinkRepository } from "./fakes/in-memory-guest-link.repository.js";
import { InMemoryPhotoRepository } from "./fakes/in-memory-photo.repository.js";
import { InMemoryPhotoBucket } from "./fakes/in-memory-photo-bucket.js";
import { InMemoryShareLinkRepository } from "./fakes/in-memory-share-link.repository.js";
import { ManualClock } from "./fakes/manual-clock.js";
import { RecordingPipelineTrigger } from "./fakes/recording-pipeline-trigger.js";
import { SequentialIds } from "./fakes/sequential-ids.js";
import { principal } from "./principals.js";

export const PUBLIC_URL = "http://shoebox.test";

/** Response JSON as tests read it: they navigate and assert, so the shape is checked by the assertions. */
type JsonBody = any;

/** A log line as the capturing logger saw it. */
export interface CapturedLine {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

/** Keeps every line in memory, so tests can assert what was logged. */
export function capturingLogger(
  lines: CapturedLine[] = [],
  bound: LogFields = {},
): Logger & { lines: CapturedLine[] } {
  const at = (level: string) => (message: string, fields?: LogFields) =>
    lines.push({ level, message, fields: { ...bound, ...fields } });
  return {
    lines,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (fields) => capturingLogger(lines, { ...bound, ...fields }),
  };
}

/**
 * Accepts `token-<handle>` as the bearer token of `principal(handle)`; anything else is refused like a bad
 * JWT. Real JWT verification is covered by the auth-flow tests and the verifier's own suite.
 */
export const handleTokenVerifier: TokenVerifier = {
  async verify(token: string): Promise<Principal> {
    const match = /^token-([a-z]+)$/.exec(token);
    if (!match?.[1]) throw new UnauthenticatedError("The token is malformed");
    return principal(match[1]);
  },
};

/** Link passwords allowed per link and per client address per minute in the harness. */
export const HARNESS_PASSWORD_ATTEMPTS = 3;

/**
 * The real HTTP app over the real services, with in-memory repositories and photo bucket: routes are
 * exercised end to end through `app.request()` without sockets or files. The client address is taken
 * from an `x-test-client` header (default "unknown"), so tests can play several clients.
 */
export function createAppHarness(overrides: Partial<AppDeps> = {}) {
  const clock = new ManualClock();
  const ids = new SequentialIds();
  const eventRepository = new InMemoryEventRepository();
  const photoRepository = new InMemoryPhotoRepository();
  const photoBucket = new InMemoryPhotoBucket(clock);
  const logger = capturingLogger();
  const pipeline = new RecordingPipelineTrigger();
  const changes = new InProcessChangeNotifier();
  const deliveryUrls = photoBucketDeliveryUrls(photoBucket);
  const maxDirectUploadBytes = 1024;
  const shareLinkRepository = new InMemoryShareLinkRepository();
  const guestLinkRepository = new InMemoryGuestLinkRepository();
  /** Answers that broke their route's declared schema; `call` fails the test with them. */
  const responseMismatches: string[] = [];
  const passwords = scryptPasswordHasher({ N: 1024, r: 8, p: 1 });
  const linkPasswords = new FixedWindowRateLimiter({
    limit: HARNESS_PASSWORD_ATTEMPTS,
    windowSeconds: 60,
    clock,
  });
  const passwordGate = new LinkPasswordGate({ passwords, limiter: linkPasswords });
  const uploads = new UploadService(
    { photos: photoRepository, events: eventRepository, photoBucket, clock, ids },
    { maxUploadBytes: 50 * 1024 * 1024, maxDirectUploadBytes, ticketTtlSeconds: 600 },
  );
  /** Deletions the API queued; `eventDeletion.run(job)` does what the host's queue worker would. */
  const deletionJobs: EventDeletionJob[] = [];
  const eventDeletion = new EventDeletionService({
    events: eventRepository,
    photos: photoRepository,
    photoBucket,
    shareLinks: shareLinkRepository,
    guestLinks: guestLinkRepository,
    clock,
    logger,
  });
  const deps: AppDeps = {
    events: new EventService({ events: eventRepository, clock, ids }),
    eventManagement: new EventManagementService(
      {
        events: eventRepository,
        photos: photoRepository,
        deliveryUrls,
        deletions: { enqueue: async (job) => void deletionJobs.push(job) },
        clock,
      },
      { viewUrlTtlSeconds: 300 },
    ),
    uploads,
    gallery: new GalleryService({
      photos: photoRepository,
      events: eventRepository,
      photoBucket,
      deliveryUrls,
      changes,
    }),
    photoStatus: new PhotoStatusService({
      photos: photoRepository,
      events: eventRepository,
      photoBucket,
      deliveryUrls,
      pipeline,
      clock,
    }),
    review: new ReviewService({
      photos: photoRepository,
      events: eventRepository,
      photoBucket,
      deliveryUrls,
      clock,
    }),
    roles: new AttendeeRoleService({ events: eventRepository }),
    sharing: {
      sharing: new SharingService({
        photos: photoRepository,
        events: eventRepository,
        shareLinks: shareLinkRepository,
        deliveryUrls,
        passwords,
        tokens: cryptoLinkTokens,
        ids,
        clock,
      }),
      publicShares: new PublicShareService({
        shareLinks: shareLinkRepository,
        photos: photoRepository,
        events: eventRepository,
        deliveryUrls,
        tokens: cryptoLinkTokens,
        grants: new HmacAccessGrants(randomBytes(32), clock),
        passwordGate,
        clock,
      }),
      guestUploads: new GuestUploadService({
        guestLinks: guestLinkRepository,
        events: eventRepository,
        uploads,
        passwords,
        passwordGate,
        tokens: cryptoLinkTokens,
        ids,
        clock,
      }),
      guestGallery: new GuestGalleryService({
        guestLinks: guestLinkRepository,
        photos: photoRepository,
        deliveryUrls,
        tokens: cryptoLinkTokens,
        passwordGate,
        clock,
      }),
      guestPhotos: new GuestPhotoService({
        guestLinks: guestLinkRepository,
        photos: photoRepository,
        photoBucket,
        tokens: cryptoLinkTokens,
        clock,
      }),
    },
    invitePreviews: new InvitePreviewService({
      events: eventRepository,
      photos: photoRepository,
      deliveryUrls,
    }),
    rateLimits: { linkPasswords },
    clientAddress: (c) => c.req.header("x-test-client") ?? "unknown",
    tokenVerifier: handleTokenVerifier,
    logger,
    publicUrl: PUBLIC_URL,
    limits: { maxDirectUploadBytes, maxJsonBytes: 4096 },
    onResponseMismatch: (problem) => responseMismatches.push(problem),
    ...overrides,
  };
  const app = createApp(deps);

  /** Sends a request as `as` (a principal handle), with a JSON body when `json` is given. */
  async function call(
    method: string,
    path: string,
    options: {
      as?: string;
      json?: unknown;
      body?: RequestInit["body"];
      headers?: Record<string, string>;
    } = {},
  ): Promise<{ status: number; headers: Headers; body: JsonBody }> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) headers.authorization = `Bearer token-${options.as}`;
    let body = options.body;
    if (options.json !== undefined) {
      headers["content-type"] ??= "application/json";
      body = JSON.stringify(options.json);
    }
    const res = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    if (responseMismatches.length > 0) {
      throw new Error(`The answer breaks its declared schema: ${responseMismatches.splice(0).join("\n")}`);
    }
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  }

  /** Creates an event organized by `organizer` and has each of `attendees` join it with its code. */
  async function eventWith(organizer: string, attendees: string[] = []) {
    const created = await call("POST", "/api/events", {
      as: organizer,
      json: { name: `${organizer}'s party` },
    });
    for (const handle of attendees) {
      await call("POST", "/api/events/join", { as: handle, json: { inviteCode: created.body.inviteCode } });
    }
    return created.body as { id: string; inviteCode: string };
  }

  return {
    app,
    call,
    eventWith,
    deps,
    clock,
    photoBucket,
    photoRepository,
    eventRepository,
    shareLinkRepository,
    guestLinkRepository,
    logger,
    pipeline,
    changes,
    responseMismatches,
    deletionJobs,
    eventDeletion,
  };
}
