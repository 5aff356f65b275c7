import { ValidationError } from "./errors.js";

/** One page of a list: how many items, and where the previous page stopped. */
export interface PageRequest {
  /** 1..100; callers that let the client choose apply `DEFAULT_PAGE_LIMIT` when it did not. */
  limit: number;
  /** Opaque, produced by the repository that returned the previous page. */
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  /** Present when more items may follow; pass it back as `cursor` to get them. */
  nextCursor?: string;
}

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 100;

/**
 * Builds a page request from optional client input, applying the default limit.
 * Throws `ValidationError` for a limit outside 1..100.
 *
 * @example pageRequest({ cursor }) // → { limit: 50, cursor }
 */
export function pageRequest(input: { limit?: number; cursor?: string } = {}): PageRequest {
  const page: PageRequest = { limit: input.limit ?? DEFAULT_PAGE_LIMIT };
  if (input.cursor !== undefined) page.cursor = input.cursor;
  assertPageRequest(page);
  return page;
}

/** Throws `ValidationError` unless `page.limit` is an integer in 1..100. */
export function assertPageRequest(page: PageRequest): void {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE_LIMIT) {
    throw new ValidationError(`limit must be an integer from 1 to ${MAX_PAGE_LIMIT}`);
  }
}

/** Throws `ValidationError` unless `limit` is a positive integer (batch reads that are not client pages). */
export function assertBatchLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new ValidationError("limit must be a positive integer");
}
