import type { DetectedLabel } from "../../ports/labeler.js";
import { byConfidenceThenName } from "./label-ranking.js";

/** The five classes of the nsfwjs classifier, with their probabilities (they sum to ~1). */
export interface NsfwScores {
  drawing: number;
  hentai: number;
  neutral: number;
  porn: number;
  sexy: number;
}

/** Rekognition-like top-level moderation categories this labeler can report. */
export const MODERATION_CATEGORIES = {
  explicitNudity: "explicit nudity",
  suggestive: "suggestive",
} as const;

/**
 * Maps nsfwjs's classes to Rekognition-like moderation categories. Both categories are always returned,
 * however low, because the pipeline applies its own threshold: "explicit nudity" is the higher of Porn
 * (photographic) and Hentai (drawn or animated), "suggestive" is Sexy. Neutral and Drawing say nothing
 * about fitness for a gallery and are not moderation labels.
 */
export function toModerationLabels(scores: NsfwScores): DetectedLabel[] {
  return [
    { name: MODERATION_CATEGORIES.explicitNudity, confidence: Math.max(scores.porn, scores.hentai) },
    { name: MODERATION_CATEGORIES.suggestive, confidence: scores.sexy },
  ].sort(byConfidenceThenName);
}
