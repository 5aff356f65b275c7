import type { Event } from "../../src/domain/event.js";
import type { Photo, PhotoChanges } from "../../src/domain/photo.js";
import type { Principal } from "../../src/domain/principal.js";
import { EventService } from "../../src/services/events/event.service.js";
import { UploadService } from "../../src/services/uploads/upload.service.js";
import { InMemoryEventRepository } from "./fakes/in-memory-event.repository.js";
import { InMemoryPhotoRepository } from "./fakes/in-memory-photo.repository.js";
import { InMemoryPhotoBucket } from "./fakes/in-memory-photo-bucket.js";
import { ManualClock } from "./fakes/manual-clock.js";
import { SequentialIds } from "./fakes/sequential-ids.js";
import { processedFields } from "./fixtures.js";
import { principal } from "./principals.js";

export const alice = principal("alice"); // organizer
export const bob = principal("bob"); // attendee
export const carol = principal("carol"); // attendee
export const dave = principal("dave"); // not invited

/**
 * An event organized by Alice that Bob and Carol attend, over in-memory repositories and store, with a
 * helper that uploads a photo and moves it to any status with the pipeline's fields — for tests of the
 * services that read what the pipeline wrote.
 */
export async function createGalleryFixture() {
  const photos = new InMemoryPhotoRepository();
  const events = new InMemoryEventRepository();
  const clock = new ManualClock();
  const photoBucket = new InMemoryPhotoBucket(clock);
  const uploads = new UploadService({ photos, events, photoBucket, clock, ids: new SequentialIds("photo") });
  const eventService = new EventService({ events, clock, ids: new SequentialIds("evt") });
  const event: Event = await eventService.create(alice, { name: "Wedding" });
  await eventService.joinWithCode(bob, event.inviteCode);
  await eventService.joinWithCode(carol, event.inviteCode);

  /**
   * Uploads a photo one second after the previous one; unless `status` is pending, the pipeline's fields
   * (`processedFields`, GPS included) are recorded with it, then `changes`.
   */
  async function photo(
    owner: Principal,
    options: { status?: Photo["status"]; eventId?: string | null; changes?: PhotoChanges } = {},
  ): Promise<Photo> {
    clock.advance(1000);
    const eventId = options.eventId === null ? undefined : (options.eventId ?? event.id);
    const uploaded = await uploads.uploadDirect(owner, {
      ...(eventId === undefined ? {} : { eventId }),
      contentType: "image/jpeg",
      body: Buffer.from(`bytes of ${clock.now().toISOString()}`),
    });
    const status = options.status ?? "pending";
    if (status === "pending" && options.changes === undefined) return uploaded;
    const processed = status === "pending" ? {} : processedFields(uploaded.id);
    return (await photos.transition(uploaded.id, ["pending"], {
      ...processed,
      status,
      ...options.changes,
    })) as Photo;
  }

  return { photos, events, clock, photoBucket, event, photo };
}
