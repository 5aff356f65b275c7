import type { PhotoChanges } from "../../domain/photo.js";
import { isFlaggedByModeration, keepConfidentLabels } from "../../domain/photo-details.js";
import type { RenderedImage } from "../../ports/image-processor.js";
import type { Labeler } from "../../ports/labeler.js";

export interface LabelingOptions {
  /** Labels below this confidence (0..1) are dropped: the offline models' false labels sit at ~0.2–0.37. */
  minLabelConfidence: number;
  /** A moderation category scoring above this (0..1) hides the photo until someone approves it. */
  moderationThreshold: number;
}

export interface LabelResult {
  fields: Pick<PhotoChanges, "labels" | "moderation">;
  flagged: boolean;
}

/**
 * Asks the labeler about the `web` variant (upright, sRGB, ≤ 1600 px: what the models and Rekognition
 * want, and never the original with its metadata). Without a labeler, labeling is off: no labels, no
 * moderation, nothing hidden.
 */
export async function labelWebVariant(
  labeler: Labeler | undefined,
  web: RenderedImage,
  options: LabelingOptions,
): Promise<LabelResult> {
  if (labeler === undefined) return { fields: {}, flagged: false };
  const analysis = await labeler.analyze({
    bytes: web.bytes,
    contentType: web.contentType,
    width: web.width,
    height: web.height,
  });
  return {
    fields: {
      labels: keepConfidentLabels(analysis.labels, options.minLabelConfidence),
      moderation: keepConfidentLabels(analysis.moderation, 0),
    },
    flagged: isFlaggedByModeration(analysis.moderation, options.moderationThreshold),
  };
}
