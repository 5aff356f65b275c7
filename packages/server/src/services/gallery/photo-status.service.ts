import { ConflictError, ForbiddenError } from "../../domain/errors.js";
import { canApprovePhoto } from "../../domain/photo.js";
import type { Principal } from "../../domain/principal.js";
import type { Clock } from "../../ports/clock.js";
import type { DeliveryUrls } from "../../ports/delivery-urls.js";
import type { EventRepository } from "../../ports/event-repository.js";
import type { PhotoBucket } from "../../ports/photo-bucket.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import type { PipelineTrigger } from "../../ports/pipeline-trigger.js";
import { loadVisiblePhoto } from "./photo-access.js";
import { type PhotoView, PhotoViews } from "./photo-views.js";

export interface PhotoStatusServiceDeps {
  photos: PhotoRepository;
  events: EventRepository;
  photoBucket: PhotoBucket;
  deliveryUrls: DeliveryUrls;
  pipeline: PipelineTrigger;
  clock: Clock;
}

/**
 * The status changes people make: approving a photo moderation hid, retrying one the pipeline gave up
 * on. Each answers `NotFoundError` to whoever may not see the photo, `ForbiddenError` to a viewer who may
 * not act on it, and `ConflictError` when the photo is not in a status the action applies to.
 */
export class PhotoStatusService {
  private readonly views: PhotoViews;

  constructor(
    private readonly deps: PhotoStatusServiceDeps,
    options: { viewUrlTtlSeconds?: number } = {},
  ) {
    this.views = new PhotoViews(deps, options.viewUrlTtlSeconds ?? 300);
  }

  /**
   * `hidden` → `ready`, by the event's organizer or a co-host (or, for a library photo, its owner). Approving a photo
   * that is already ready changes nothing, so a repeated click is harmless.
   */
  async approve(p: Principal, photoId: string): Promise<PhotoView> {
    const { photo, attendance } = await loadVisiblePhoto(this.deps, p, photoId);
    if (!canApprovePhoto(photo, p.userId, attendance)) {
      throw new ForbiddenError("Only the event's organizer or a co-host may approve photos");
    }
    if (photo.status === "ready") return this.views.of(photo, p.userId, attendance);
    if (photo.status !== "hidden") {
      throw new ConflictError(`Only a hidden photo can be approved; this one is ${photo.status}`);
    }
    const approved = await this.deps.photos.transition(photo.id, ["hidden"], {
      status: "ready",
      updatedAt: this.deps.clock.now(),
    });
    if (!approved) throw new ConflictError("The photo changed meanwhile; reload it");
    return this.views.of(approved, p.userId, attendance);
  }

  /**
   * `failed` → `pending`, re-queued for the pipeline; its owner only. If the queue refuses, the photo goes
   * back to `failed` as it was, so it never waits for a job that does not exist.
   */
  async retry(p: Principal, photoId: string): Promise<PhotoView> {
    const { photo, attendance } = await loadVisiblePhoto(this.deps, p, photoId);
    if (photo.ownerId !== p.userId) throw new ForbiddenError("Only its owner may retry a photo");
    if (photo.status !== "failed") {
      throw new ConflictError(`Only a failed photo can be retried; this one is ${photo.status}`);
    }
    const pending = await this.deps.photos.transition(photo.id, ["failed"], {
      status: "pending",
      failedStep: undefined,
      statusReason: undefined,
      updatedAt: this.deps.clock.now(),
    });
    if (!pending) throw new ConflictError("The photo changed meanwhile; reload it");
    try {
      await this.deps.pipeline.enqueue({
        key: photo.objectKey,
        ...(photo.etag === undefined ? {} : { etag: photo.etag }),
      });
    } catch (error) {
      await this.deps.photos.transition(photo.id, ["pending"], {
        status: "failed",
        failedStep: photo.failedStep,
        statusReason: photo.statusReason,
        updatedAt: photo.updatedAt,
      });
      throw error;
    }
    return this.views.of(pending, p.userId, attendance);
  }
}
