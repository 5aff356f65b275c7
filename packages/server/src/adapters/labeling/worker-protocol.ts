import type { DetectedLabel } from "../../ports/labeler.js";
import type { NsfwScores } from "./moderation-categories.js";

/**
 * Messages between `OfflineLabeler` (main thread) and `labeling.worker.ts`. The worker reports raw model
 * outputs; thresholds and naming policy stay on the main thread, in the adapter.
 */
export interface AnalyzeRequest {
  type: "analyze";
  id: number;
  /** The encoded image (JPEG, PNG, WebP …); transferred, not copied. */
  bytes: ArrayBuffer;
}

export type WorkerRequest = AnalyzeRequest;

/** Sent once both models are loaded and warmed up. */
export interface ReadyMessage {
  type: "ready";
  loadMs: number;
}

export interface AnalysisResult {
  type: "result";
  id: number;
  /** Every detection the object model made, one per box, names repeated, unfiltered. */
  objects: DetectedLabel[];
  nsfw: NsfwScores;
}

/** One request failed (an undecodable image, say); the worker keeps serving. */
export interface AnalysisFailure {
  type: "failure";
  id: number;
  message: string;
}

export type WorkerMessage = ReadyMessage | AnalysisResult | AnalysisFailure;
