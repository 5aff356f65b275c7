import { S3Error } from "../errors.js";
import type { ObjectRecord, WriteConditions } from "./records.js";

/** Checks a write's `If-None-Match` / `If-Match` against the object it would replace. */
export function checkWriteConditions(existing: ObjectRecord | undefined, conditions: WriteConditions): void {
  if (conditions.ifNoneMatch && existing) {
    throw new S3Error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", {
      Condition: "If-None-Match",
    });
  }
  if (conditions.ifMatch !== undefined) {
    if (!existing) throw new S3Error("NoSuchKey", "The specified key does not exist.");
    if (!etagMatches(conditions.ifMatch, existing.etag)) {
      throw new S3Error(
        "PreconditionFailed",
        "At least one of the pre-conditions you specified did not hold",
        {
          Condition: "If-Match",
        },
      );
    }
  }
}

/** Whether an `If-Match`/`If-None-Match` value (a list of ETags, quoted or not, or `*`) names `etag`. */
export function etagMatches(headerValue: string, etag: string): boolean {
  const bare = etag.replaceAll('"', "");
  return headerValue
    .split(",")
    .map((v) => v.trim().replace(/^W\//, "").replaceAll('"', ""))
    .some((v) => v === "*" || v === bare);
}
