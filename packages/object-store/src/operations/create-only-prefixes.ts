import type { WriteConditions } from "../catalog/records.js";
import type { BucketConfig } from "../config.js";

/**
 * A write's conditions with the bucket's create-only rule applied: a key under one of
 * `bucket.createOnlyPrefixes` is written as if the request carried `If-None-Match: *`, whatever it sent.
 * The catalog checks the condition in the transaction that makes the object visible, so two racing
 * writers of one key cannot both succeed.
 *
 * @example withCreateOnlyPrefixes({ name: "b", createOnlyPrefixes: ["uploads/"] }, "uploads/a.jpg", {})
 * // → { ifNoneMatch: true }
 */
export function withCreateOnlyPrefixes(
  bucket: BucketConfig,
  key: string,
  conditions: WriteConditions,
): WriteConditions {
  const createOnly = bucket.createOnlyPrefixes?.some((prefix) => key.startsWith(prefix)) ?? false;
  return createOnly ? { ...conditions, ifNoneMatch: true } : conditions;
}
