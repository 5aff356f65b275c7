import type { Label, ModerationLabel } from "@aws-sdk/client-rekognition";
import type { DetectedLabel } from "../../ports/labeler.js";

/**
 * DetectLabels' answer in the port's shape: lower-case names, confidence 0..1 (Rekognition says 0..100),
 * highest first, one entry per name.
 */
export function labelsFromRekognition(labels: readonly Label[] | undefined): DetectedLabel[] {
  return bestPerName(
    (labels ?? []).flatMap((label) =>
      label.Name === undefined ? [] : [{ name: label.Name, confidence: label.Confidence ?? 0 }],
    ),
  );
}

/**
 * DetectModerationLabels' answer as top-level categories ("explicit nudity", "violence" …): each label
 * counts towards the root of its taxonomy, found through `ParentName`, and a category scores its most
 * confident label. The pipeline hides a photo by category, so a confident second-level label
 * ("Graphic Male Nudity") must lift its category even when Rekognition scored the parent lower.
 */
export function moderationFromRekognition(labels: readonly ModerationLabel[] | undefined): DetectedLabel[] {
  const parentOf = new Map<string, string>();
  for (const label of labels ?? []) {
    if (label.Name && label.ParentName) parentOf.set(label.Name, label.ParentName);
  }
  return bestPerName(
    (labels ?? []).flatMap((label) =>
      label.Name === undefined
        ? []
        : [{ name: rootOf(label.Name, parentOf), confidence: label.Confidence ?? 0 }],
    ),
  );
}

/** Follows parents up to a label without one; stops on a cycle rather than trusting the answer blindly. */
function rootOf(name: string, parentOf: ReadonlyMap<string, string>): string {
  const seen = new Set<string>();
  let current = name;
  for (;;) {
    const parent = parentOf.get(current);
    if (parent === undefined || seen.has(parent)) return current;
    seen.add(current);
    current = parent;
  }
}

function bestPerName(labels: readonly { name: string; confidence: number }[]): DetectedLabel[] {
  const best = new Map<string, number>();
  for (const { name, confidence } of labels) {
    const key = name.trim().toLowerCase();
    if (key.length === 0) continue;
    const fraction = Math.min(Math.max(confidence / 100, 0), 1);
    best.set(key, Math.max(best.get(key) ?? 0, fraction));
  }
  return [...best]
    .map(([name, confidence]) => ({ name, confidence }))
    .sort((a, b) => b.confidence - a.confidence || (a.name < b.name ? -1 : 1));
}
