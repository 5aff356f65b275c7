import { Worker, type WorkerOptions } from "node:worker_threads";
import type { ImageAnalysis, Labeler, LabelerInput } from "../../ports/labeler.js";
import { rankLabels } from "./label-ranking.js";
import { ImageAnalysisError, LabelerUnavailableError } from "./labeling-errors.js";
import { toModerationLabels } from "./moderation-categories.js";
import { labelingWorkerLaunch } from "./worker-launch.js";
import type { AnalysisResult, AnalyzeRequest, WorkerMessage } from "./worker-protocol.js";

export interface OfflineLabelerOptions {
  /** Object labels below this confidence are dropped. True objects scored 0.4–0.66 on sample photos, false ones ~0.2–0.37. */
  minLabelConfidence?: number;
  /** At most this many object labels per photo, the most confident ones. */
  maxLabels?: number;
  /** Starts the worker thread. Replaceable so a test can reach the thread it means to kill. */
  startWorker?: (script: string | URL, options: WorkerOptions) => Worker;
}

export const DEFAULT_MIN_LABEL_CONFIDENCE = 0.4;
export const DEFAULT_MAX_LABELS = 10;

interface PendingRequest {
  resolve(result: AnalysisResult): void;
  reject(error: Error): void;
}

/** One worker thread and what is waiting on it; a crash settles exactly this worker's requests. */
interface WorkerSession {
  worker: Worker;
  pending: Map<number, PendingRequest>;
  ready: Promise<void>;
  settleReady(error?: Error): void;
}

/**
 * The embedded host's `Labeler`: COCO-80 object labels (CenterNet) and moderation scores (nsfwjs
 * MobileNetV2), computed offline with TensorFlow.js on WebAssembly in one worker thread. The models load
 * in the worker on first use (1–3 s) or when `init()` is called; photos are analysed one at a time.
 * A crashed worker fails its in-flight requests with `LabelerUnavailableError`; the next call starts a
 * fresh one.
 */
export class OfflineLabeler implements Labeler {
  private readonly minLabelConfidence: number;
  private readonly maxLabels: number;
  private readonly startWorker: (script: string | URL, options: WorkerOptions) => Worker;
  private session: WorkerSession | undefined;
  private nextRequestId = 1;
  private closed = false;

  constructor(options: OfflineLabelerOptions = {}) {
    this.minLabelConfidence = options.minLabelConfidence ?? DEFAULT_MIN_LABEL_CONFIDENCE;
    this.maxLabels = options.maxLabels ?? DEFAULT_MAX_LABELS;
    this.startWorker = options.startWorker ?? ((script, workerOptions) => new Worker(script, workerOptions));
    if (!(this.minLabelConfidence >= 0 && this.minLabelConfidence <= 1)) {
      throw new RangeError(`minLabelConfidence must be between 0 and 1, got ${this.minLabelConfidence}`);
    }
    if (!Number.isInteger(this.maxLabels) || this.maxLabels < 0) {
      throw new RangeError(`maxLabels must be a whole number ≥ 0, got ${this.maxLabels}`);
    }
  }

  /** Starts the worker and resolves once both models are loaded, so the first photo does not wait. */
  async init(): Promise<void> {
    await this.currentSession().ready;
  }

  /** Labels and moderation scores for one photo. The caller's buffer is copied, never detached. */
  async analyze(image: LabelerInput): Promise<ImageAnalysis> {
    const session = this.currentSession();
    const id = this.nextRequestId++;
    // A private copy is transferred: transferring `image.bytes.buffer` itself would detach the caller's
    // Buffer and, for small Buffers, Node's shared allocation pool behind unrelated Buffers.
    const bytes = new Uint8Array(image.bytes).buffer;
    const result = await new Promise<AnalysisResult>((resolve, reject) => {
      session.pending.set(id, { resolve, reject });
      const request: AnalyzeRequest = { type: "analyze", id, bytes };
      session.worker.postMessage(request, [bytes]);
    });
    return {
      labels: rankLabels(result.objects, {
        minConfidence: this.minLabelConfidence,
        maxLabels: this.maxLabels,
      }),
      moderation: toModerationLabels(result.nsfw),
    };
  }

  /** Terminates the worker; requests still in flight fail with `LabelerUnavailableError`. */
  async close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    if (!session) return;
    this.retire(session, new LabelerUnavailableError("The labeler was closed"));
    await session.worker.terminate();
  }

  private currentSession(): WorkerSession {
    if (this.closed) throw new LabelerUnavailableError("The labeler was closed");
    this.session ??= this.startSession();
    return this.session;
  }

  private startSession(): WorkerSession {
    const launch = labelingWorkerLaunch();
    const worker = this.startWorker(launch.script, launch.options);
    let settleReady: (error?: Error) => void = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      settleReady = (error) => (error ? reject(error) : resolve());
    });
    // Nobody may be waiting for readiness (lazy start); a failed start is reported through the requests.
    ready.catch(() => {});
    const session: WorkerSession = { worker, pending: new Map(), ready, settleReady };
    worker.on("message", (message: WorkerMessage) => this.receive(session, message));
    worker.on("error", (error: unknown) => {
      // A worker may throw anything, not only Errors.
      const reason = error instanceof Error ? error.message : String(error);
      this.retire(
        session,
        new LabelerUnavailableError(`The labeling worker crashed: ${reason}`, { cause: error }),
      );
    });
    worker.on("exit", (code) => {
      this.retire(
        session,
        new LabelerUnavailableError(`The labeling worker exited unexpectedly (code ${code})`),
      );
    });
    return session;
  }

  private receive(session: WorkerSession, message: WorkerMessage): void {
    if (message.type === "ready") {
      session.settleReady();
      return;
    }
    const request = session.pending.get(message.id);
    if (!request) return;
    session.pending.delete(message.id);
    if (message.type === "result") request.resolve(message);
    else request.reject(new ImageAnalysisError(`The image could not be analysed: ${message.message}`));
  }

  /** Fails everything waiting on the session and forgets it, so the next call starts a new worker. */
  private retire(session: WorkerSession, error: LabelerUnavailableError): void {
    if (this.session === session) this.session = undefined;
    session.settleReady(error);
    for (const request of session.pending.values()) request.reject(error);
    session.pending.clear();
  }
}
