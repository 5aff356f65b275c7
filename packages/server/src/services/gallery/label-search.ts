import { ValidationError } from "../../domain/errors.js";
import { labelStem } from "../../domain/label-terms.js";
import type { Photo } from "../../domain/photo.js";
import { parseLabelFilter } from "../../domain/photo-details.js";
import type { LabelCount } from "../../ports/photo-repository.js";

/** More terms than anyone types into a search box; each one narrows, so a long list finds nothing anyway. */
export const MAX_LABEL_TERMS = 5;

/**
 * A search for photos carrying every one of several labels: read one label's index (`driver`), keep the
 * photos whose labels match all terms (`matches`).
 */
export interface LabelSearch {
  driver: string;
  matches: (photo: Photo) => boolean;
}

/**
 * The terms as typed (any case, plural or singular), checked and reduced to their stems; `ValidationError`
 * for a malformed term or too many.
 */
export function parseLabelTerms(terms: readonly string[]): string[] {
  if (terms.length > MAX_LABEL_TERMS) {
    throw new ValidationError(`Search for at most ${MAX_LABEL_TERMS} labels at once`);
  }
  return [...new Set(terms.map((term) => labelStem(parseLabelFilter(term))))];
}

/**
 * Plans an AND search over `stems`. With the scope's label counts (an event), the driver is the stored name
 * of the rarest term — so the fewest entries are read — and a term nothing in the event carries means no
 * result (`undefined`). Without counts (a library), the first term's stem drives: labelers name things in
 * the singular.
 */
export function planLabelSearch(
  stems: readonly string[],
  counts?: readonly LabelCount[],
): LabelSearch | undefined {
  const matches = (photo: Photo) =>
    stems.every((stem) => (photo.labels ?? []).some((label) => labelStem(label.name) === stem));
  if (counts === undefined) return { driver: stems[0] as string, matches };
  let driver: { name: string; total: number } | undefined;
  for (const stem of stems) {
    const variants = counts.filter((count) => labelStem(count.name) === stem);
    if (variants.length === 0) return undefined;
    const total = variants.reduce((sum, variant) => sum + variant.count, 0);
    // Counts come most common first: the first variant is the name most photos of this term carry.
    if (driver === undefined || total < driver.total)
      driver = { name: (variants[0] as LabelCount).name, total };
  }
  return driver === undefined ? undefined : { driver: driver.name, matches };
}
