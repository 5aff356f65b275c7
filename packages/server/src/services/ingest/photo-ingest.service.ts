import { ImageRejectedError } from "../../domain/errors.js";
import type { Photo } from "../../domain/photo.js";
import type { Clock } from "../../ports/clock.js";
import type { ImageInspector } from "../../ports/image-inspector.js";
import type { Logger } from "../../ports/logger.js";
import type { ObjectStore } from "../../ports/object-store.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import { isDeclarableAs, sniffImageKind } from "./image-signature.js";
import { readAtMost } from "./read-object.js";

/** The facts of an S3 ObjectCreated record the pipeline needs (key already URL-decoded). */
export interface ObjectCreated {
  key: string;
  size: number;
  etag: string;
}

export type IngestOutcome =
  /** Checked and moved to `ready`. */
  | "ready"
  /** Not an acceptable image: photo `rejected`, object deleted. */
  | "rejected"
  /** This version of the object was already handled (a redelivered event). */
  | "already-handled"
  /** The object is gone (deleted since the event was sent). */
  | "gone"
  /** An object under `uploads/` that no photo record claims: deleted. */
  | "orphan-removed"
  /** Not an upload (e.g. a variant the pipeline wrote itself). */
  | "ignored";

export interface PhotoIngestOptions {
  maxUploadBytes: number;
}

/**
 * The ObjectCreated handler: finds the photo the object belongs to (by the metadata its ticket pinned),
 * checks the real bytes, and records the outcome. At-least-once delivery makes every branch idempotent:
 * a redelivered event for an object version already handled changes nothing, and a rejected photo's object
 * is deleted again if a crash left it behind.
 */
export class PhotoIngestService {
  constructor(
    private readonly deps: {
      photos: PhotoRepository;
      objectStore: ObjectStore;
      inspector: ImageInspector;
      clock: Clock;
      logger: Logger;
    },
    private readonly options: PhotoIngestOptions,
  ) {}

  async handleObjectCreated(event: ObjectCreated): Promise<IngestOutcome> {
    if (!event.key.startsWith("uploads/")) return "ignored";
    const { photos, objectStore } = this.deps;

    const object = await objectStore.head(event.key);
    if (!object) return "gone";
    const photoId = object.metadata["photo-id"];
    const photo = photoId ? await photos.get(photoId) : undefined;
    if (!photo || photo.objectKey !== event.key) {
      // Only tickets write under uploads/, and every ticket has a record: this object is debris.
      await objectStore.delete(event.key);
      this.deps.logger.warn("ingest.orphan_removed", { key: event.key });
      return "orphan-removed";
    }
    if (photo.status === "rejected") {
      await objectStore.delete(event.key);
      return "already-handled";
    }
    if (photo.status === "ready" && photo.etag === object.etag) return "already-handled";

    try {
      const bytes = await this.readUpload(event.key);
      if (!bytes) return "gone";
      return await this.accept(photo, bytes, object.etag);
    } catch (error) {
      if (!(error instanceof ImageRejectedError)) throw error;
      return this.reject(photo, error.message);
    }
  }

  private async readUpload(key: string): Promise<Buffer | undefined> {
    const stream = await this.deps.objectStore.read(key);
    return stream && readAtMost(stream, this.options.maxUploadBytes);
  }

  private async accept(photo: Photo, bytes: Buffer, etag: string): Promise<IngestOutcome> {
    if (bytes.length === 0) throw new ImageRejectedError("The file is empty");
    const kind = sniffImageKind(bytes);
    if (!kind) throw new ImageRejectedError("The file is not an image of a supported type");
    if (!isDeclarableAs(kind, photo.contentType)) {
      throw new ImageRejectedError(`The file is ${kind.toUpperCase()}, not ${photo.contentType} as declared`);
    }
    const facts = await this.deps.inspector.inspect(bytes);
    const ready = await this.deps.photos.transition(photo.id, ["pending", "expired", "ready"], {
      status: "ready",
      statusReason: undefined,
      size: bytes.length,
      width: facts.width,
      height: facts.height,
      format: facts.format,
      etag,
      updatedAt: this.deps.clock.now(),
    });
    if (!ready) return "already-handled";
    this.deps.logger.info("ingest.ready", { photoId: photo.id, size: bytes.length, format: facts.format });
    return "ready";
  }

  /** Record first, then delete: a crash in between leaves a rejected photo whose object the redelivery removes. */
  private async reject(photo: Photo, reason: string): Promise<IngestOutcome> {
    await this.deps.photos.transition(photo.id, ["pending", "expired", "ready"], {
      status: "rejected",
      statusReason: reason,
      updatedAt: this.deps.clock.now(),
    });
    await this.deps.objectStore.delete(photo.objectKey);
    this.deps.logger.info("ingest.rejected", { photoId: photo.id, reason });
    return "rejected";
  }
}
