import { randomBytes } from "node:crypto";

/** Twelve hex digits of epoch milliseconds: enough until the year 10889, and they sort as numbers do. */
const TIME_DIGITS = 12;
const TIME_PREFIX = /^[0-9a-f]{12}/;

/**
 * A new multipart upload id: the initiation time (fixed-width hex) followed by 24 random bytes. The time
 * prefix makes ids of one key sort lexicographically in initiation order, as S3's `upload-id-marker`
 * documentation describes, and lets a listing resume after a marker whose upload has since been completed
 * or aborted (the usual "list a page, abort it, list the next" loop).
 */
export function newUploadId(initiated: Date): string {
  const time = Math.max(0, initiated.getTime()).toString(16).padStart(TIME_DIGITS, "0");
  return time + randomBytes(24).toString("base64url");
}

/** The initiation time (epoch ms) an id made by `newUploadId` carries; `undefined` for any other string. */
export function initiatedFromUploadId(uploadId: string): number | undefined {
  const prefix = TIME_PREFIX.exec(uploadId)?.[0];
  return prefix === undefined ? undefined : Number.parseInt(prefix, 16);
}
