import type { DetectedLabel } from "../../ports/labeler.js";

export interface LabelRankingOptions {
  /** Labels below this confidence are dropped (0..1). */
  minConfidence: number;
  /** At most this many labels are kept, the most confident ones. */
  maxLabels: number;
}

/**
 * Turns raw detections (one per detected box, names repeated) into the port's label list: one entry per
 * name with its highest confidence, only those at or above the threshold, highest first, at most
 * `maxLabels`. Ties are ordered by name so the same detections always give the same list.
 *
 * @example
 * rankLabels([{ name: "dog", confidence: 0.3 }, { name: "dog", confidence: 0.6 }], { minConfidence: 0.4, maxLabels: 10 })
 * // → [{ name: "dog", confidence: 0.6 }]
 */
export function rankLabels(
  detections: readonly DetectedLabel[],
  options: LabelRankingOptions,
): DetectedLabel[] {
  const bestByName = new Map<string, number>();
  for (const { name, confidence } of detections) {
    if (!Number.isFinite(confidence) || confidence < options.minConfidence) continue;
    const best = bestByName.get(name);
    if (best === undefined || confidence > best) bestByName.set(name, confidence);
  }
  return [...bestByName]
    .map(([name, confidence]) => ({ name, confidence }))
    .sort(byConfidenceThenName)
    .slice(0, Math.max(0, options.maxLabels));
}

/** Highest confidence first; equal confidences by name, so ordering never depends on input order. */
export function byConfidenceThenName(a: DetectedLabel, b: DetectedLabel): number {
  return b.confidence - a.confidence || a.name.localeCompare(b.name);
}
