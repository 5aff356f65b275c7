import { compareKeys, prefixUpperBound } from "../object-key.js";

/** A position in key order: at `key` (inclusive) or just after it. */
export interface KeyBound {
  key: string;
  inclusive: boolean;
}

/** One entry of a listing: a row, or a common prefix that stands for every row it rolls up. */
export type ListedEntry<T> = { kind: "row"; row: T } | { kind: "prefix"; prefix: string };

/**
 * Rows in key order that a listing can page through by keyset: objects (one row per key) or multipart
 * uploads (several per key, positioned by a compound cursor `C`).
 */
export interface KeyOrderedSource<T, C extends { key: string }> {
  /** Up to `limit` rows from `from` on, in key order, all with keys below `before` when given. */
  page(from: C | KeyBound, limit: number, before: string | undefined): T[];
  keyOf(row: T): string;
  /** The position just after `row`. */
  after(row: T): C;
}

export interface GroupedListingQuery<C> {
  prefix: string;
  /** "" for none. */
  delimiter: string;
  max: number;
  /** Where the listing starts (the marker, start-after or continuation point). */
  start: C | KeyBound;
}

/** Rows per catalog query while walking: bounds memory whatever `max` and the bucket hold. */
const PAGE = 1000;

/**
 * Walks `source` in key order from `query.start`, rolling rows whose key contains `delimiter` after
 * `prefix` into common prefixes, and collects up to `max` entries (reading one more to know whether the
 * listing is truncated). Each common prefix costs one index seek: the walk jumps past every key it covers.
 * As on S3, a common prefix that does not sort after the starting marker is not listed again, so a marker
 * that names a common prefix (a previous page's last entry) resumes after everything it rolled up.
 */
export function listGrouped<T, C extends { key: string }>(
  source: KeyOrderedSource<T, C>,
  query: GroupedListingQuery<C>,
): { entries: ListedEntry<T>[]; truncated: boolean } {
  const { prefix, delimiter, max, start } = query;
  const upper = prefix === "" ? undefined : prefixUpperBound(prefix);
  const startInclusive = "inclusive" in start && start.inclusive;
  let cursor: C | KeyBound = compareKeys(start.key, prefix) < 0 ? { key: prefix, inclusive: true } : start;
  const entries: ListedEntry<T>[] = [];
  let exhausted = false;
  while (!exhausted && entries.length <= max) {
    const rows = source.page(cursor, Math.min(PAGE, max + 1 - entries.length), upper);
    exhausted = rows.length === 0;
    for (const row of rows) {
      const key = source.keyOf(row);
      const cut = delimiter === "" ? -1 : key.indexOf(delimiter, prefix.length);
      if (cut < 0) {
        entries.push({ kind: "row", row });
        cursor = source.after(row);
        continue;
      }
      const common = key.slice(0, cut + delimiter.length);
      const order = compareKeys(common, start.key);
      if (order > 0 || (order === 0 && startInclusive)) entries.push({ kind: "prefix", prefix: common });
      const next = prefixUpperBound(common);
      if (next === undefined) exhausted = true;
      else cursor = { key: next, inclusive: true };
      break;
    }
  }
  const truncated = entries.length > max;
  return { entries: truncated ? entries.slice(0, max) : entries, truncated };
}
