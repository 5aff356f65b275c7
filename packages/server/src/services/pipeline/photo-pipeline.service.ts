import { createHash } from "node:crypto";
import { ImageRejectedError } from "../../domain/errors.js";
import { OBJECT_KEY_PREFIXES } from "../../domain/object-keys.js";
import {
  objectKeysOf,
  type Photo,
  type PhotoChanges,
  type PhotoStatus,
  type PipelineStep,
} from "../../domain/photo.js";
import type { Clock } from "../../ports/clock.js";
import type { ImageProcessor } from "../../ports/image-processor.js";
import type { Labeler } from "../../ports/labeler.js";
import type { Logger } from "../../ports/logger.js";
import type { PhotoBucket } from "../../ports/photo-bucket.js";
import type { PhotoChangeNotifier } from "../../ports/photo-change-notifier.js";
import type { PhotoRepository } from "../../ports/photo-repository.js";
import type { PipelineJob } from "../../ports/pipeline-trigger.js";
import { lostUploadRight, type UploadRightDeps } from "../uploads/upload-right.js";
import { capturedFields } from "./captured-fields.js";
import { claimContentFor } from "./content-claim.js";
import { refundGuestDuplicate } from "./guest-refund.js";
import { isDeclarableAs, sniffImageKind } from "./image-signature.js";
import { type LabelingOptions, labelWebVariant } from "./label-step.js";
import { markPhotoFailed, type ProcessStopped } from "./mark-photo-failed.js";
import { photoOfUpload } from "./photo-of-upload.js";
import { PipelineStepError, step as runStep, step } from "./pipeline-step-error.js";
import { readAtMost } from "./read-object.js";
import { undoSecondWrites } from "./second-write.js";
import { writeVariants } from "./variant-step.js";

export type PipelineOutcome =
  /** Processed and visible to the event (or library). */
  | "ready"
  /** Processed, but moderation flagged it: visible to its owner and organizer until approved. */
  | "hidden"
  /** The same bytes are already in the event or library: photo `duplicate`, its objects deleted. */
  | "duplicate"
  /** Not an acceptable image: photo `rejected`, its objects deleted. */
  | "rejected"
  /** This version of the object was already handled (a redelivered event), or another run finished it. */
  | "already-handled"
  /** The object or its photo is gone (deleted since the event was sent). */
  | "gone"
  /** An object under `uploads/` that no photo record claims: deleted. */
  | "orphan-removed"
  /**
   * A second write on the ticket of a photo that already has bytes (a replayed POST form), undone: the
   * newer versions were deleted, so the processed version is current again (versioned bucket, AWS).
   */
  | "second-write-undone"
  /**
   * A second write on the ticket of a photo that already has bytes, ignored: the photo keeps what it
   * recorded. The store keeps no versions to restore from (the embedded store refuses such writes
   * instead, so it never gets here).
   */
  | "second-write-ignored"
  /** Not an upload (e.g. a variant the pipeline wrote itself). */
  | "ignored";

export interface PhotoPipelineDeps extends UploadRightDeps {
  photos: PhotoRepository;
  photoBucket: PhotoBucket;
  images: ImageProcessor;
  /** Absent when labeling is switched off: no labels, no moderation, no models loaded. */
  labeler?: Labeler;
  clock: Clock;
  logger: Logger;
  /** Wakes long-polling API requests in the same process (embedded host). */
  changes?: PhotoChangeNotifier;
}

export interface PhotoPipelineOptions {
  maxUploadBytes: number;
  labeling?: Partial<LabelingOptions>;
}

const DEFAULT_LABELING: LabelingOptions = { minLabelConfidence: 0.4, moderationThreshold: 0.7 };

/** Statuses the pipeline finished with; a redelivery of the same object version changes nothing. */
const FINISHED: ReadonlySet<PhotoStatus> = new Set(["ready", "hidden", "failed"]);

/**
 * The pipeline's one handler, for every `PipelineJob` (an upload's ObjectCreated event or a retry):
 * verify → read metadata → variants → labels and moderation → duplicates → one final write (`ready`,
 * `hidden` or `duplicate`; `rejected` for what is not an acceptable image). Delivery is at least once, so
 * every step is idempotent, keyed by photo id + ETag: variants go to keys derived
 * from the photo id (a re-run rewrites the same bytes), the content claim is idempotent per photo, the
 * final write is conditional on the status read at the start, and a redelivery of a version already
 * handled returns before any work. Any other failure is thrown (as `PipelineStepError`) for the queue to
 * retry; after its last attempt, the queue's dead-letter hook calls `markFailed`.
 *
 * Tickets outlive decisions: before any work the uploader's right is asked again (`lostUploadRight`), and
 * an upload whose right ended is `rejected` and deleted. A photo that already has bytes never changes: a
 * second write on its ticket is undone where the bucket keeps versions, else ignored (`undoSecondWrites`).
 */
export class PhotoPipelineService {
  private readonly labeling: LabelingOptions;

  constructor(
    private readonly deps: PhotoPipelineDeps,
    private readonly options: PhotoPipelineOptions,
  ) {
    this.labeling = { ...DEFAULT_LABELING, ...options.labeling };
  }

  /**
   * Processes the object `job.key` names, in its current version. See `PipelineOutcome`. `onStep` hears
   * each step as it starts (the embedded queue keeps the latest, so a job that kills the process can be
   * dead-lettered with the step it was in).
   */
  async handleJob(
    job: PipelineJob,
    observer: { onStep?: (step: PipelineStep) => void } = {},
  ): Promise<PipelineOutcome> {
    if (!job.key.startsWith(OBJECT_KEY_PREFIXES.uploads)) return "ignored";
    const { photoBucket } = this.deps;

    const object = await photoBucket.head(job.key);
    if (!object) return "gone";
    const photo = await photoOfUpload(this.deps.photos, job.key);
    // The ticket pins the photo id into the object's metadata: an object without it was not uploaded
    // through that photo's ticket.
    if (!photo || object.metadata["photo-id"] !== photo.id) {
      // Only tickets write under uploads/, and every ticket has a record: this object is debris.
      await photoBucket.delete(job.key);
      this.deps.logger.warn("pipeline.orphan_removed", { key: job.key });
      return "orphan-removed";
    }
    if (photo.status === "rejected" || photo.status === "duplicate") {
      // Recorded first, deleted second: a crash in between left objects that this redelivery removes.
      await this.removeObjects(photo);
      return "already-handled";
    }
    if (FINISHED.has(photo.status) && photo.etag !== undefined) {
      // The photo has its bytes: a different ETag is a second use of its ticket, never a new photo.
      if (photo.etag === object.etag) return "already-handled";
      return undoSecondWrites(this.deps, photo, photo.etag);
    }

    try {
      const lost = await step("verify", () =>
        lostUploadRight(this.deps, photo, object.lastModified ?? this.deps.clock.now()),
      );
      if (lost !== undefined) return await this.reject(photo, lost);
      return await this.process(photo, object.etag, observer.onStep);
    } catch (error) {
      if (error instanceof ImageRejectedError) return this.reject(photo, error.message);
      if (error instanceof PipelineStepError) await this.recordFailedAttempt(photo, error);
      throw error;
    }
  }

  /**
   * The queue's dead-letter hook: the job for `job.key` ran out of attempts, ending with `lastError` or
   * with the process stopping. See `markPhotoFailed`. Returns whether a photo was marked.
   */
  markFailed(job: PipelineJob, why: string | ProcessStopped): Promise<boolean> {
    return markPhotoFailed(this.deps, job, why);
  }

  private async process(
    photo: Photo,
    etag: string,
    onStep: ((name: PipelineStep) => void) | undefined,
  ): Promise<PipelineOutcome> {
    const step = <T>(name: PipelineStep, run: () => Promise<T>): Promise<T> => {
      onStep?.(name);
      return runStep(name, run);
    };
    const { photos, images, photoBucket } = this.deps;
    const bytes = await step("verify", () => this.readUpload(photo.objectKey));
    if (bytes === undefined) return "gone";
    await step("verify", async () => assertBytesOfVersion(bytes, etag));
    const analysis = await step("verify", () => this.verify(photo, bytes));
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const captured = await step("metadata", async () => capturedFields(analysis));
    const rendered = await step("variants", () => writeVariants(photoBucket, images, photo.id, bytes));
    const labeled = await step("labels", () =>
      labelWebVariant(this.deps.labeler, rendered.web, this.labeling),
    );
    const holder = await step("duplicates", () => claimContentFor(photos, photo, sha256));
    const facts = { size: bytes.length, etag, sha256 };
    if (holder !== photo.id) return step("record", () => this.markDuplicate(photo, holder, facts));
    return step("record", () =>
      this.record(photo, {
        status: labeled.flagged ? "hidden" : "ready",
        ...CLEARED_RESULTS,
        ...facts,
        ...captured,
        variants: rendered.variants,
        blurhash: rendered.blurhash,
        ...labeled.fields,
        updatedAt: this.deps.clock.now(),
      }),
    );
  }

  private async readUpload(key: string): Promise<Buffer | undefined> {
    const stream = await this.deps.photoBucket.read(key);
    return stream && readAtMost(stream, this.options.maxUploadBytes);
  }

  /** Never trusts the declared type: magic bytes first, then a decode within the pixel limit. */
  private async verify(photo: Photo, bytes: Buffer) {
    if (bytes.length === 0) throw new ImageRejectedError("The file is empty");
    const kind = sniffImageKind(bytes);
    if (!kind) throw new ImageRejectedError("The file is not an image of a supported type");
    if (!isDeclarableAs(kind, photo.contentType)) {
      throw new ImageRejectedError(`The file is ${kind.toUpperCase()}, not ${photo.contentType} as declared`);
    }
    return this.deps.images.analyze(bytes);
  }

  /** The one final write; conditional on the status read at the start, so only one run ever makes it. */
  private async record(photo: Photo, changes: PhotoChanges): Promise<PipelineOutcome> {
    const done = await this.deps.photos.transition(photo.id, [photo.status], changes);
    if (!done) return this.lostRace(photo);
    this.deps.logger.info("pipeline.processed", {
      photoId: photo.id,
      status: done.status,
      size: done.size,
      format: done.format,
      labels: done.labels?.length ?? 0,
    });
    this.deps.changes?.notify(photo.id);
    return done.status === "hidden" ? "hidden" : "ready";
  }

  /** Record first, then delete: a crash in between leaves a duplicate whose objects the redelivery removes. */
  private async markDuplicate(
    photo: Photo,
    holder: string,
    facts: { size: number; etag: string; sha256: string },
  ): Promise<PipelineOutcome> {
    const where = photo.eventId === undefined ? "your library" : "this event";
    const marked = await this.deps.photos.transition(photo.id, [photo.status], {
      status: "duplicate",
      ...CLEARED_RESULTS,
      ...facts,
      duplicateOf: holder,
      statusReason: `The same photo is already in ${where}`,
      updatedAt: this.deps.clock.now(),
    });
    if (!marked) return this.lostRace(photo);
    // Refunded before anything else: a guest following the upload reads the link right after its status.
    await refundGuestDuplicate(this.deps.guestLinks, marked);
    await this.removeObjects(photo);
    this.deps.logger.info("pipeline.duplicate", { photoId: photo.id, duplicateOf: holder });
    this.deps.changes?.notify(photo.id);
    return "duplicate";
  }

  /** Record first, then delete: a crash in between leaves a rejected photo whose objects the redelivery removes. */
  private async reject(photo: Photo, reason: string): Promise<PipelineOutcome> {
    const rejected = await this.deps.photos.transition(photo.id, [photo.status], {
      status: "rejected",
      ...CLEARED_RESULTS,
      statusReason: reason,
      updatedAt: this.deps.clock.now(),
    });
    if (!rejected) return this.lostRace(photo);
    await this.removeObjects(photo);
    this.deps.logger.info("pipeline.rejected", { photoId: photo.id, reason });
    this.deps.changes?.notify(photo.id);
    return "rejected";
  }

  /**
   * The final write found the photo changed since this run read it: another run finished it (nothing to
   * do), or its owner deleted it meanwhile — then the variants this run wrote are removed too.
   */
  private async lostRace(photo: Photo): Promise<PipelineOutcome> {
    if (await this.deps.photos.get(photo.id)) return "already-handled";
    await this.removeObjects(photo);
    return "gone";
  }

  /** Best effort: the queue retries the job anyway; the record says which step to look at meanwhile. */
  /**
   * The photo an upload's object belongs to: the id in its key (`uploadObjectKey`), and only if that
   * photo's record names this very key. The one way the pipeline finds a photo, whether the object still
   * exists or not.
   */
  private async recordFailedAttempt(photo: Photo, error: PipelineStepError): Promise<void> {
    this.deps.logger.warn("pipeline.attempt_failed", {
      photoId: photo.id,
      step: error.step,
      error: error.cause,
    });
    if (photo.status !== "pending" && photo.status !== "expired") return;
    await this.deps.photos
      .transition(photo.id, [photo.status], { failedStep: error.step, statusReason: error.reason })
      .catch(() => undefined);
  }

  private async removeObjects(photo: Photo): Promise<void> {
    for (const key of objectKeysOf(photo)) await this.deps.photoBucket.delete(key);
  }
}

/**
 * The recorded ETag must be that of the bytes processed: a write landing between `head` and `read`
 * (a second use of a ticket, on a versioned bucket) would otherwise pair one version's ETag with
 * another's variants. A single-part ETag is the MD5 of the bytes; multipart or KMS ETags are not, and
 * uploads never have them. A mismatch is retried, and the retry reads one version throughout.
 */
function assertBytesOfVersion(bytes: Buffer, etag: string): void {
  if (!/^[0-9a-f]{32}$/.test(etag)) return;
  if (createHash("md5").update(bytes).digest("hex") !== etag) {
    throw new Error("The object changed while it was read");
  }
}

/** What a previous run (of a replaced object) may have recorded and this run's result must not inherit. */
const CLEARED_RESULTS: PhotoChanges = {
  statusReason: undefined,
  failedStep: undefined,
  duplicateOf: undefined,
  orientation: undefined,
  takenAt: undefined,
  takenAtOffset: undefined,
  camera: undefined,
  exposure: undefined,
  gps: undefined,
  colorProfile: undefined,
  variants: undefined,
  blurhash: undefined,
  labels: undefined,
  moderation: undefined,
};
