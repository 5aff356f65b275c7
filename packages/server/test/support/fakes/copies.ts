import type { SortKey } from "../../../src/domain/cursor.js";

/**
 * A deep copy without `undefined` properties — what a real store gives back (absent stays absent), so
 * results compare equal with `deepStrictEqual` whichever adapter produced them.
 */
export function copyDefined<T extends object>(value: T): T {
  const copied = structuredClone(value) as Record<string, unknown>;
  for (const [key, field] of Object.entries(copied)) if (field === undefined) delete copied[key];
  return copied as T;
}

/** Orders sort keys as SQLite orders (integer, text) pairs: by time, then by id (ids are ASCII, so code-unit order is byte order). */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] === b[1]) return 0;
  return a[1] < b[1] ? -1 : 1;
}
