import { NotFoundError, ValidationError } from "./errors.js";

/**
 * Ids that may become part of an object key or a URL: the URL-safe alphabet only, bounded length.
 * Generated ids (≥ 128 bits, base64url or UUID) always match; anything else never reached storage.
 */
const URL_SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** True when `id` could have been produced by the `Ids` port (URL-safe, 1..128 characters). */
export function isUrlSafeId(id: string): boolean {
  return URL_SAFE_ID.test(id);
}

/**
 * Checks an id a caller sent (path parameter, request body). A malformed id cannot name anything that
 * exists, so it is reported as `NotFoundError` — the same answer as a well-formed unknown id.
 */
export function assertKnownIdShape(entity: string, id: string): void {
  if (!isUrlSafeId(id)) throw new NotFoundError(entity, id);
}

/**
 * Checks the caller's own user id before it becomes part of an object key. Identity providers issue
 * URL-safe subjects (Cognito: a UUID), so anything else is a misconfiguration, refused as invalid input.
 */
export function assertUsableUserId(userId: string): void {
  if (!isUrlSafeId(userId)) throw new ValidationError("The user id is not usable as an owner id");
}
