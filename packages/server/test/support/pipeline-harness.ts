import { createHash } from "node:crypto";
import { InProcessChangeNotifier } from "../../src/adapters/in-process/in-process-change-notifier.js";
import { guestLinkIdOf } from "../../src/domain/guest-link.js";
import type { Photo } from "../../src/domain/photo.js";
import type { Logger } from "../../src/ports/logger.js";
import {
  type PhotoPipelineOptions,
  PhotoPipelineService,
} from "../../src/services/pipeline/photo-pipeline.service.js";
import { FakeImageProcessor } from "./fakes/fake-image-processor.js";
import { FakeLabeler } from "./fakes/fake-labeler.js";
import { InMemoryEventRepository } from "./fakes/in-memory-event.repository.js";
import { InMemoryGuestLinkRepository } from "./fakes/in-memory-guest-link.repository.js";
import { InMemoryPhotoRepository } from "./fakes/in-memory-photo.repository.js";
import { InMemoryPhotoBucket } from "./fakes/in-memory-photo-bucket.js";
import { ManualClock } from "./fakes/manual-clock.js";
import { makeAttendance, makeEvent, makePhoto, organizerOf } from "./fixtures.js";
import { makeGuestLink } from "./link-fixtures.js";

export const quietLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => quietLogger,
};

/** Bytes that sniff as a JPEG; `seed` makes them (and their SHA-256) distinct. */
export function jpegBytes(seed: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from(`JFIF ${seed}`)]);
}

export function sha256Of(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * The pipeline over in-memory fakes of every port it uses, with helpers to create pending photos and to
 * deliver their uploads as ObjectCreated events. `labeling: false` builds it without a labeler;
 * `versioned: true` gives it the in-memory stand-in of a versioned S3 bucket.
 */
export function createPipelineHarness(
  options: { labeling?: boolean; versioned?: boolean; pipeline?: Partial<PhotoPipelineOptions> } = {},
) {
  const photos = new InMemoryPhotoRepository();
  const events = new InMemoryEventRepository();
  const guestLinks = new InMemoryGuestLinkRepository();
  const clock = new ManualClock();
  const store = new InMemoryPhotoBucket(clock, { versioned: options.versioned ?? false });
  const images = new FakeImageProcessor();
  const labeler = new FakeLabeler();
  const changes = new InProcessChangeNotifier();
  const notified: string[] = [];
  const notify = changes.notify.bind(changes);
  changes.notify = (photoId) => {
    notified.push(photoId);
    notify(photoId);
  };
  const sut = new PhotoPipelineService(
    {
      photos,
      events,
      guestLinks,
      photoBucket: store,
      images,
      ...(options.labeling === false ? {} : { labeler }),
      clock,
      logger: quietLogger,
      changes,
    },
    { maxUploadBytes: 1_000_000, ...options.pipeline },
  );

  /**
   * A pending photo, uploaded to the event `event-1` unless `overrides` say otherwise, as a ticket leaves
   * it: its uploader attends the event (or, for a guest owner, its link is active).
   */
  async function pendingPhoto(id: string, overrides: Partial<Photo> = {}): Promise<Photo> {
    const folder =
      overrides.eventId === undefined && "eventId" in overrides ? "user_user-1" : "event_event-1";
    const photo = makePhoto({ id, objectKey: `uploads/${folder}/${id}.jpg`, ...overrides });
    await grantUploadRight(photo);
    await photos.create(photo);
    return photo;
  }

  async function grantUploadRight(photo: Photo): Promise<void> {
    const { eventId, ownerId } = photo;
    if (eventId === undefined) return;
    const event = makeEvent({ id: eventId });
    // Photos made at the same moment may both create it: the first one wins, the same event either way.
    await events.create(event, organizerOf(event)).catch(() => undefined);
    const linkId = guestLinkIdOf(ownerId);
    if (linkId === undefined) await events.putAttendance(makeAttendance({ eventId, userId: ownerId }));
    else if (!(await guestLinks.get(linkId))) await guestLinks.create(makeGuestLink({ id: linkId, eventId }));
  }

  /** Stores `bytes` as the photo's upload (as the ticket would) and delivers the ObjectCreated event. */
  async function arrive(
    photo: Photo,
    bytes: Buffer,
    metadata: Record<string, string> = { "photo-id": photo.id },
  ) {
    const { etag } = await store.write(photo.objectKey, bytes, { contentType: photo.contentType, metadata });
    return sut.handleJob({ key: photo.objectKey, etag });
  }

  /** Delivers the event for the object as it is stored now (a redelivery). */
  async function redeliver(photo: Photo) {
    const object = await store.head(photo.objectKey);
    return sut.handleJob({ key: photo.objectKey, ...(object ? { etag: object.etag } : {}) });
  }

  /** Keys under `variants/` currently stored. */
  const variantKeys = () => [...store.objects.keys()].filter((key) => key.startsWith("variants/")).sort();

  return {
    sut,
    photos,
    events,
    guestLinks,
    store,
    images,
    labeler,
    changes,
    notified,
    clock,
    pendingPhoto,
    arrive,
    redeliver,
    variantKeys,
  };
}
