import { describeError, InvalidRequestError } from "../../api/api-errors.js";
import type { Photo, UploadTicket } from "../../api/api-types.js";
import { isAbort } from "../../api/http-request.js";
import type { TransferOptions } from "./presigned-transfer.js";
import { contentTypeOf, refusalReason, type UploadLimits } from "./upload-limits.js";

/**
 * Where an upload row is:
 * refused (never sent) · queued · uploading (ticket, then bytes) · processing (the pipeline runs) ·
 * ready · hidden (awaiting approval) · duplicate · rejected · failed (the pipeline gave up) ·
 * error (the upload itself failed) · cancelled · sent (delivered, for uploaders who cannot follow the
 * pipeline) · offline (processing, but the server stopped answering: it resumes by itself).
 */
export type UploadState =
  | "refused"
  | "queued"
  | "uploading"
  | "processing"
  | "ready"
  | "hidden"
  | "duplicate"
  | "rejected"
  | "failed"
  | "error"
  | "cancelled"
  | "sent"
  | "offline";

export interface UploadItem {
  readonly id: number;
  readonly file: File;
  readonly state: UploadState;
  /** Fraction of the bytes the store has received, 0–1. */
  readonly progress: number;
  /** Why it was refused, rejected, failed … (shown in its row). */
  readonly message: string | null;
  readonly photoId: string | null;
  readonly photo: Photo | null;
}

/** What following an upload must tell: a full `Photo` (signed in), or only its status (a guest's own). */
export type ProcessedUpload = Pick<Photo, "status" | "statusReason">;

/** Hears whether the server answers while an upload is followed. */
export interface ConnectionWatch {
  onConnection(online: boolean): void;
}

export interface UploadDetails {
  title?: string;
  description?: string;
}

/** What the queue needs from the outside world; the app passes the API and the XHR transfer. */
export interface UploadPorts {
  initiate(
    file: File,
    contentType: string,
    details: UploadDetails,
    signal: AbortSignal,
  ): Promise<UploadTicket>;
  transfer(ticket: UploadTicket, file: File, options: TransferOptions): Promise<void>;
  /** Resolves once the photo has left `pending` (long poll). Without it, rows end at `sent`. */
  waitUntilProcessed?(photoId: string, signal: AbortSignal, watch: ConnectionWatch): Promise<ProcessedUpload>;
  /** Asks the pipeline to process a failed photo again. */
  retryProcessing?(photoId: string): Promise<void>;
  /** Best effort: removes the pending record of an upload cancelled midway. */
  discard?(photoId: string): Promise<void>;
}

export interface UploadQueueOptions {
  limits: UploadLimits;
  /** Uploads sending bytes at once (default 3): enough to fill a link, few enough to show progress. */
  concurrency?: number;
  /** Called when a photo settles (ready, hidden, duplicate …), so a gallery can show it. */
  onSettled?: (photo: Photo) => void;
}

const RETRYABLE: ReadonlySet<UploadState> = new Set(["error", "cancelled", "failed"]);
const FINISHED: ReadonlySet<UploadState> = new Set([
  "refused",
  "sent",
  "ready",
  "hidden",
  "duplicate",
  "rejected",
  "error",
  "cancelled",
  "failed",
]);

/**
 * The upload rows of one page: files are checked, queued, sent a few at a time straight to the object
 * store, then followed until the pipeline has decided. Each row can be cancelled while queued or uploading,
 * and retried when it failed. Rendering subscribes and reads `snapshot()` (a new array on every change).
 */
export class UploadQueue {
  private items: UploadItem[] = [];
  private readonly details = new Map<number, UploadDetails>();
  private readonly controllers = new Map<number, AbortController>();
  private readonly listeners = new Set<() => void>();
  private nextId = 1;
  private active = 0;

  constructor(
    private readonly ports: UploadPorts,
    private readonly options: UploadQueueOptions,
  ) {}

  /** Adds files as rows; those the server would refuse are marked refused with the reason, never sent. */
  add(files: readonly File[], details: UploadDetails = {}): number[] {
    const added = files.map((file) => {
      const reason = refusalReason(file, this.options.limits);
      const item: UploadItem = {
        id: this.nextId++,
        file,
        state: reason ? "refused" : "queued",
        progress: 0,
        message: reason,
        photoId: null,
        photo: null,
      };
      this.details.set(item.id, details);
      return item;
    });
    this.items = [...this.items, ...added];
    this.changed();
    this.pump();
    return added.map((item) => item.id);
  }

  /** Stops a queued or uploading row. Rows past the upload are the pipeline's and cannot be cancelled. */
  cancel(id: number): void {
    const item = this.find(id);
    if (!item || (item.state !== "queued" && item.state !== "uploading")) return;
    this.controllers.get(id)?.abort();
    this.update(id, { state: "cancelled", message: "Cancelled" });
  }

  /** Starts a failed, cancelled or errored row again (a new ticket, or the pipeline once more). */
  retry(id: number): void {
    const item = this.find(id);
    if (!item || !RETRYABLE.has(item.state)) return;
    if (item.state === "failed" && item.photoId) {
      void this.reprocess(item.id, item.photoId);
      return;
    }
    this.update(id, { state: "queued", progress: 0, message: null, photoId: null, photo: null });
    this.pump();
  }

  /** Drops the rows that are done (whatever the outcome), keeping those still moving. */
  clearFinished(): void {
    this.items = this.items.filter((item) => !FINISHED.has(item.state));
    this.changed();
  }

  /** Stops everything (the page is going away). */
  dispose(): void {
    for (const controller of this.controllers.values()) controller.abort();
    this.listeners.clear();
  }

  snapshot(): readonly UploadItem[] {
    return this.items;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private pump(): void {
    const limit = this.options.concurrency ?? 3;
    while (this.active < limit) {
      const next = this.items.find((item) => item.state === "queued");
      if (!next) return;
      this.active += 1;
      this.update(next.id, { state: "uploading", progress: 0 });
      void this.upload(next.id).finally(() => {
        this.active -= 1;
        this.pump();
      });
    }
  }

  private async upload(id: number): Promise<void> {
    const item = this.find(id)!;
    const controller = new AbortController();
    this.controllers.set(id, controller);
    const { signal } = controller;
    let photoId: string | null = null;
    try {
      const details = this.details.get(id) ?? {};
      const ticket = await this.ports.initiate(item.file, contentTypeOf(item.file), details, signal);
      photoId = ticket.photoId;
      this.update(id, { photoId });
      signal.throwIfAborted();
      await this.ports.transfer(ticket, item.file, {
        signal,
        onProgress: (fraction) => this.update(id, { progress: fraction }),
      });
    } catch (error) {
      this.controllers.delete(id);
      if (signal.aborted || isAbort(error)) {
        if (photoId) void this.ports.discard?.(photoId).catch(() => {});
        return;
      }
      const refused = error instanceof InvalidRequestError;
      this.update(id, { state: refused ? "refused" : "error", message: describeError(error) });
      return;
    }
    this.controllers.delete(id);
    if (!this.ports.waitUntilProcessed) {
      this.update(id, { state: "sent", progress: 1 });
      return;
    }
    this.update(id, { state: "processing", progress: 1 });
    // Following the pipeline holds no upload slot: the next file starts sending now.
    void this.follow(id, photoId);
  }

  private async reprocess(id: number, photoId: string): Promise<void> {
    this.update(id, { state: "processing", message: null });
    try {
      await this.ports.retryProcessing?.(photoId);
    } catch (error) {
      this.update(id, { state: "failed", message: describeError(error) });
      return;
    }
    await this.follow(id, photoId);
  }

  private async follow(id: number, photoId: string): Promise<void> {
    const controller = new AbortController();
    this.controllers.set(id, controller);
    try {
      const photo = await this.ports.waitUntilProcessed!(photoId, controller.signal, {
        onConnection: (online) =>
          this.update(
            id,
            online
              ? { state: "processing", message: null }
              : { state: "offline", message: "Offline, will resume" },
          ),
      });
      this.update(id, { photo: isPhoto(photo) ? photo : null, ...outcomeOf(photo) });
      if (isPhoto(photo)) this.options.onSettled?.(photo);
    } catch (error) {
      if (!isAbort(error)) this.update(id, { state: "error", message: describeError(error) });
    } finally {
      this.controllers.delete(id);
    }
  }

  private find(id: number): UploadItem | undefined {
    return this.items.find((item) => item.id === id);
  }

  private update(id: number, change: Partial<Omit<UploadItem, "id" | "file">>): void {
    const current = this.find(id);
    // A cancelled row stays cancelled whatever its aborted upload reports afterwards.
    if (!current || (current.state === "cancelled" && change.state !== "queued")) return;
    this.items = this.items.map((item) => (item.id === id ? { ...item, ...change } : item));
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function isPhoto(upload: ProcessedUpload): upload is Photo {
  return "urls" in upload;
}

/** The row state and message for a photo the pipeline has decided on. */
function outcomeOf(photo: ProcessedUpload): { state: UploadState; message: string | null } {
  switch (photo.status) {
    case "ready":
      // Approval mode: processed, but only its uploader sees it until a host approves it.
      if ("review" in photo && photo.review === "waiting") {
        return { state: "hidden", message: "Waiting for the hosts' approval" };
      }
      return { state: "ready", message: null };
    case "hidden":
      return { state: "hidden", message: "Held for the organizer's review" };
    case "duplicate":
      return { state: "duplicate", message: photo.statusReason ?? "Already uploaded" };
    case "rejected":
      return { state: "rejected", message: photo.statusReason ?? "Not an image Shoebox can read" };
    case "failed":
      return { state: "failed", message: photo.statusReason ?? "Processing failed" };
    case "expired":
      return { state: "error", message: "The upload never arrived: retry it" };
    default:
      return { state: "processing", message: null };
  }
}
