import assert from "node:assert/strict";
import { S3Error, type S3ErrorCode } from "../../errors.js";

/** Asserts that `action` throws an S3Error with `code` (and a message matching `message`, if given). */
export function assertS3Error(action: () => unknown, code: S3ErrorCode, message?: RegExp): S3Error {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof S3Error, `expected S3Error ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (message) assert.match(caught.message, message);
  return caught;
}

/** Asserts that a promise rejects with an S3Error with `code`. */
export async function assertRejectsS3Error(promise: Promise<unknown>, code: S3ErrorCode): Promise<S3Error> {
  const caught = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.ok(caught instanceof S3Error, `expected S3Error ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}
