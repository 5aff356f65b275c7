import type { ObjectRecord } from "../catalog/records.js";
import { S3Error } from "../errors.js";
import { type ObjectRequest, requestHeader } from "../http/request-context.js";
import { validateObjectKey } from "../object-key.js";
import { evaluateReadConditions, preconditionFailed } from "./read-conditions.js";

/** The object an `x-amz-copy-source` header names. */
export interface CopySourceName {
  bucket: string;
  key: string;
}

/**
 * Parses `x-amz-copy-source`: `[/]bucket/key`, URL-encoded, optionally followed by `?versionId=…`, which
 * this unversioned store refuses. A literal `?` in a key must be sent as `%3F`, as on S3.
 *
 * @example
 *   parseCopySource("/photos/uploads/my%20photo.jpg") // { bucket: "photos", key: "uploads/my photo.jpg" }
 */
export function parseCopySource(header: string): CopySourceName {
  const queryAt = header.indexOf("?");
  const path = queryAt < 0 ? header : header.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? "" : header.slice(queryAt + 1));
  if (query.has("versionId")) {
    throw new S3Error("NotImplemented", "Copying a specific version is not implemented by this store.", {
      Header: "x-amz-copy-source",
    });
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.startsWith("/") ? path.slice(1) : path);
  } catch (cause) {
    throw invalidCopySource(header, cause);
  }
  const slash = decoded.indexOf("/");
  if (slash <= 0 || slash === decoded.length - 1) throw invalidCopySource(header);
  const key = decoded.slice(slash + 1);
  validateObjectKey(key);
  return { bucket: decoded.slice(0, slash), key };
}

/**
 * `x-amz-copy-source-if-*` against the source, with S3's precedence (see `evaluateReadConditions`). Every
 * failure is a 412: a copy has no 304.
 */
export function checkCopySourceConditions(ctx: ObjectRequest, source: ObjectRecord): void {
  const outcome = evaluateReadConditions((name) => requestHeader(ctx, `x-amz-copy-source-${name}`), source);
  if (outcome) throw preconditionFailed(`x-amz-copy-source-${outcome.condition}`);
}

function invalidCopySource(header: string, cause?: unknown): S3Error {
  return new S3Error(
    "InvalidArgument",
    "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
    { ArgumentName: "x-amz-copy-source", ArgumentValue: header },
    { cause },
  );
}
