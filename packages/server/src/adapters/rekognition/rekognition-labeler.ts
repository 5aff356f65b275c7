import {
  DetectLabelsCommand,
  DetectModerationLabelsCommand,
  RekognitionClient,
  type RekognitionClientConfig,
} from "@aws-sdk/client-rekognition";
import type { ImageAnalysis, Labeler, LabelerInput } from "../../ports/labeler.js";
import { rekognitionImageBytes } from "./rekognition-image.js";
import { labelsFromRekognition, moderationFromRekognition } from "./rekognition-results.js";

export interface RekognitionLabelerOptions {
  region: string;
  /** Labels below this confidence (0..1) are not asked for. */
  minLabelConfidence: number;
  /** At most this many labels per photo, the most confident ones (default 20). */
  maxLabels?: number;
  /**
   * Moderation labels below this confidence (0..1) are not asked for (default 0.5, Rekognition's own).
   * The pipeline applies its own, higher threshold to decide what to hide.
   */
  minModerationConfidence?: number;
  /** Endpoint and credentials of a stand-in (tests); omit on AWS to use the function's role. */
  client?: Pick<RekognitionClientConfig, "endpoint" | "credentials">;
}

const DEFAULT_MAX_LABELS = 20;
const DEFAULT_MIN_MODERATION_CONFIDENCE = 0.5;

/**
 * The AWS host's `Labeler`: Rekognition DetectLabels and DetectModerationLabels, both at once, on the
 * pipeline's `web` variant sent inline (`Image.Bytes`), so neither the original nor its metadata ever
 * leaves the bucket. Answers are normalised to the port's shape by `rekognition-results.ts`. Failures
 * (throttling after the SDK's retries, a refused image) are thrown for the pipeline's queue to retry.
 */
export class RekognitionLabeler implements Labeler {
  private readonly client: RekognitionClient;

  constructor(private readonly options: RekognitionLabelerOptions) {
    this.client = new RekognitionClient({ region: options.region, ...options.client });
  }

  async analyze(image: LabelerInput): Promise<ImageAnalysis> {
    const Image = { Bytes: await rekognitionImageBytes(image) };
    const [labels, moderation] = await Promise.all([
      this.client.send(
        new DetectLabelsCommand({
          Image,
          MaxLabels: this.options.maxLabels ?? DEFAULT_MAX_LABELS,
          MinConfidence: this.options.minLabelConfidence * 100,
        }),
      ),
      this.client.send(
        new DetectModerationLabelsCommand({
          Image,
          MinConfidence: (this.options.minModerationConfidence ?? DEFAULT_MIN_MODERATION_CONFIDENCE) * 100,
        }),
      ),
    ]);
    return {
      labels: labelsFromRekognition(labels.Labels),
      moderation: moderationFromRekognition(moderation.ModerationLabels),
    };
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
