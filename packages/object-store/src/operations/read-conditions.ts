import { etagMatches } from "../catalog/write-conditions.js";
import { S3Error } from "../errors.js";

/** Which of S3's read preconditions decided the request, if one did. */
export type ReadConditionOutcome =
  | { kind: "failed"; condition: "If-Match" | "If-Unmodified-Since" }
  | { kind: "unchanged"; condition: "If-None-Match" | "If-Modified-Since" }
  | undefined;

/**
 * If-Match / If-Unmodified-Since and If-None-Match / If-Modified-Since against an object, with S3's
 * precedence: a matching If-Match wins over a failed If-Unmodified-Since, and a matching If-None-Match
 * decides whatever If-Modified-Since says. GetObject answers "unchanged" with 304; a copy source, with 412.
 * `header` reads a condition by its plain name (`if-match`), so copy sources can prefix theirs.
 */
export function evaluateReadConditions(
  header: (name: string) => string | undefined,
  object: { etag: string; lastModified: Date },
): ReadConditionOutcome {
  const ifMatch = header("if-match");
  const ifNoneMatch = header("if-none-match");
  const ifModifiedSince = parseHttpDate(header("if-modified-since"));
  const ifUnmodifiedSince = parseHttpDate(header("if-unmodified-since"));
  const modifiedSeconds = Math.floor(object.lastModified.getTime() / 1000);

  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, object.etag)) return { kind: "failed", condition: "If-Match" };
  } else if (ifUnmodifiedSince !== undefined && modifiedSeconds > ifUnmodifiedSince) {
    return { kind: "failed", condition: "If-Unmodified-Since" };
  }
  if (ifNoneMatch !== undefined) {
    if (etagMatches(ifNoneMatch, object.etag)) return { kind: "unchanged", condition: "If-None-Match" };
  } else if (ifModifiedSince !== undefined && modifiedSeconds <= ifModifiedSince) {
    return { kind: "unchanged", condition: "If-Modified-Since" };
  }
  return undefined;
}

export function preconditionFailed(condition: string): S3Error {
  return new S3Error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", {
    Condition: condition,
  });
}

function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
