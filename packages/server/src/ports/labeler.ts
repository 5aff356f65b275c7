/**
 * What is in a photo, and whether it is fit for a shared gallery. Embedded: offline models in a worker
 * thread (COCO-80 objects, nsfwjs). AWS: Rekognition DetectLabels + DetectModerationLabels. Both are
 * normalised to this shape so the pipeline, the records and the API never know which ran.
 */
export interface Labeler {
  /** `image` is the pipeline's `web` variant (already upright, sRGB, ≤ 1600 px). */
  analyze(image: LabelerInput): Promise<ImageAnalysis>;
  /** Frees models / worker threads. */
  close(): Promise<void>;
}

export interface LabelerInput {
  bytes: Buffer;
  contentType: string;
  width: number;
  height: number;
}

export interface ImageAnalysis {
  /** Objects and scenes, highest confidence first; names lower-case singular nouns ("person", "dog"). */
  labels: DetectedLabel[];
  /**
   * Moderation categories with their confidence, highest first, named like Rekognition's top-level
   * categories ("explicit nudity", "suggestive", …; lower-case). Empty when nothing was found.
   */
  moderation: DetectedLabel[];
}

export interface DetectedLabel {
  name: string;
  /** 0..1 */
  confidence: number;
}
