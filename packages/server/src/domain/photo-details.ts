import { ValidationError } from "./errors.js";

/** What the camera says about itself. */
export interface CameraInfo {
  make?: string;
  model?: string;
  lens?: string;
}

/** How the shot was exposed: seconds, f-number, ISO speed, focal length in mm. */
export interface ExposureInfo {
  exposureTime?: number;
  fNumber?: number;
  iso?: number;
  focalLength?: number;
}

/** Decimal degrees (and metres). Private to the photo's owner. */
export interface GpsPosition {
  latitude: number;
  longitude: number;
  altitude?: number;
}

/** A label or moderation category the pipeline kept: lower-case name, confidence 0..1. */
export interface PhotoLabel {
  name: string;
  confidence: number;
}

/** A stored rendition of a photo (stripped of all metadata). */
export interface PhotoVariant {
  key: string;
  contentType: string;
  width: number;
  height: number;
}

export interface PhotoVariants {
  thumb: PhotoVariant;
  web: PhotoVariant;
}

/** Longest label name accepted in a filter; the labelers' names are short nouns ("teddy bear"). */
export const LABEL_NAME_MAX = 64;
const LABEL_NAME = /^[\p{L}\p{N}][\p{L}\p{N} '_-]*$/u;

/**
 * A label name as stored and matched: trimmed, inner spaces collapsed, lower-case — so `?label=Dog`
 * finds what the labeler called "dog".
 */
export function normalizeLabelName(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * Checks a label a client filters by and returns it normalised. Throws `ValidationError` for a blank,
 * overlong or punctuation-laden name (no label has one, and it would only cost a pointless query).
 *
 * @example parseLabelFilter(" Teddy  Bear ") // → "teddy bear"
 */
export function parseLabelFilter(raw: string): string {
  const label = normalizeLabelName(raw);
  if (label.length === 0 || label.length > LABEL_NAME_MAX || !LABEL_NAME.test(label)) {
    throw new ValidationError(
      `label must be 1–${LABEL_NAME_MAX} letters, digits, spaces, hyphens or apostrophes`,
    );
  }
  return label;
}

/**
 * The labels worth keeping: at or above `threshold`, names normalised, one entry per name (its highest
 * confidence), highest confidence first, confidences rounded to 4 places so stored values compare equal.
 */
export function keepConfidentLabels(labels: readonly PhotoLabel[], threshold: number): PhotoLabel[] {
  const best = new Map<string, number>();
  for (const label of labels) {
    const name = normalizeLabelName(label.name);
    if (name.length === 0 || name.length > LABEL_NAME_MAX || !(label.confidence >= threshold)) continue;
    best.set(name, Math.max(best.get(name) ?? 0, label.confidence));
  }
  return [...best]
    .map(([name, confidence]) => ({ name, confidence: Math.round(confidence * 10_000) / 10_000 }))
    .sort((a, b) => b.confidence - a.confidence || (a.name < b.name ? -1 : 1));
}

/** Whether any moderation category scores above `threshold`: the photo is then hidden until approved. */
export function isFlaggedByModeration(moderation: readonly PhotoLabel[], threshold: number): boolean {
  return moderation.some((category) => category.confidence > threshold);
}
