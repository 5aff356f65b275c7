import type { S3Client } from "@aws-sdk/client-s3";
import type { StoreFixture } from "./store-fixture.js";

/**
 * A client of `f` that signs `offsetMs` away from real time, for a store whose injected clock is offset
 * the same way, and keeps doing so: the store's `Date` header is real time, which the SDK would otherwise
 * take as the server's clock and "correct" its offset back towards.
 */
export function clientSigningAt(f: StoreFixture, offsetMs: number): S3Client {
  const client = f.makeClient({ systemClockOffset: offsetMs });
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const headers = (result.response as { headers?: Record<string, string> }).headers;
      if (headers) delete headers.date;
      return result;
    },
    { step: "deserialize", name: "ignoreRealTimeDateHeader" },
  );
  return client;
}
