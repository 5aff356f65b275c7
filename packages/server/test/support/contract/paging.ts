import assert from "node:assert/strict";
import { encodeCursor } from "../../../src/domain/cursor.js";
import type { Page, PageRequest } from "../../../src/domain/page.js";

/** Follows cursors to the end; returns each page's ids. Fails on an endless loop rather than hanging. */
export async function collectPages<T>(
  list: (page: PageRequest) => Promise<Page<T>>,
  limit: number,
  idOf: (item: T) => string,
): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await list(cursor === undefined ? { limit } : { limit, cursor });
    pages.push(page.items.map(idOf));
    cursor = page.nextCursor;
    assert.ok(pages.length < 1000, "pagination did not terminate");
  } while (cursor !== undefined);
  return pages;
}

/** Cursors a client could send that no adapter produced. */
export function malformedCursors(): [label: string, cursor: string][] {
  return [
    ["not base64url", "%%%"],
    ["not JSON", Buffer.from("{oops", "utf8").toString("base64url")],
    ["wrong shape", encodeCursor({ createdAt: 1, id: "a" })],
    ["wrong types", encodeCursor(["yesterday", 1])],
    ["empty", ""],
    ["oversized", "A".repeat(5000)],
  ];
}
