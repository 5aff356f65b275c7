import { z } from "zod";
import { ValidationError } from "./errors.js";
import type { Page } from "./page.js";

/** Longer than any cursor an adapter produces; refuses oversized input before decoding it. */
const MAX_CURSOR_LENGTH = 1024;

/**
 * Encodes the sort key of the last item of a page as an opaque cursor (base64url JSON), so that every
 * adapter's cursors look and fail alike.
 */
export function encodeCursor(sortKey: unknown): string {
  return Buffer.from(JSON.stringify(sortKey), "utf8").toString("base64url");
}

/**
 * Decodes a cursor made by `encodeCursor` and checks its shape. Clients hand cursors back, so anything
 * malformed, tampered with or from another kind of list is a `ValidationError`, never a crash.
 */
export function decodeCursor<T>(cursor: string, shape: z.ZodType<T>): T {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw malformed();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw malformed();
  }
  const result = shape.safeParse(parsed);
  if (!result.success) throw malformed();
  return result.data;
}

function malformed(): ValidationError {
  return new ValidationError("The page cursor is malformed");
}

/** The sort key of every Shoebox list: a time in epoch milliseconds, then an id to break ties. */
export type SortKey = [time: number, id: string];

const SORT_KEY = z.tuple([z.number().int(), z.string().min(1).max(256)]);

/** The sort key a cursor carries; `ValidationError` when it is malformed. */
export function decodeSortKeyCursor(cursor: string): SortKey {
  return decodeCursor(cursor, SORT_KEY);
}

/**
 * Turns items fetched with `limit + 1` into a page: the extra item only tells that more exist, and the
 * cursor is the sort key of the last item kept — so the last page carries no cursor.
 */
export function keysetPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  toItem: (row: Row) => Item,
  sortKeyOf: (item: Item) => SortKey,
): Page<Item> {
  const items = rows.slice(0, limit).map(toItem);
  const last = items.at(-1);
  return rows.length > limit && last !== undefined
    ? { items, nextCursor: encodeCursor(sortKeyOf(last)) }
    : { items };
}
