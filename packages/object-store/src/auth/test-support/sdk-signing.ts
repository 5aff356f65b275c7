import http from "node:http";
import type { AddressInfo } from "node:net";
import { S3Client } from "@aws-sdk/client-s3";
import { Hash } from "@smithy/core/serde";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AuthOptions, RequestToAuthenticate } from "../types.js";

export const REGION = "us-east-1";
export const ACCESS_KEY_ID = "AKIASHOEBOXTEST0001";
export const SECRET = "shoebox/secret+key/for/tests/only0000000";
export const ENDPOINT_HOST = "127.0.0.1:9000";
export const credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET };

/** AuthOptions for the test key, with the clock fixed at `now`. */
export function authOptions(now: Date, overrides: Partial<AuthOptions> = {}): AuthOptions {
  return {
    secretFor: (id) => (id === ACCESS_KEY_ID ? SECRET : undefined),
    region: REGION,
    now: () => now,
    ...overrides,
  };
}

/** The SDK's own SigV4 signer configured as the S3 client configures it (paths not escaped twice). */
export function sdkSigner(secretAccessKey = SECRET, region = REGION): SignatureV4 {
  return new SignatureV4({
    service: "s3",
    region,
    credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey },
    sha256: Hash.bind(null, "sha256"),
    uriEscapePath: false,
  });
}

/** An S3 client that presigns for the store's endpoint, as the Shoebox API does. */
export function presigningClient(): S3Client {
  return new S3Client({
    region: REGION,
    endpoint: `http://${ENDPOINT_HOST}`,
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: "WHEN_REQUIRED",
  });
}

/** Percent-encodes like the SDK's query builder (RFC 3986 unreserved kept). */
export function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** An S3 object path as the SDK puts it on the request line. */
export function objectPath(bucket: string, key: string): string {
  return `/${bucket}/${key.split("/").map(encodeComponent).join("/")}`;
}

/** A signed SDK request (path already encoded, query decoded) as the server would see it on the wire. */
export function wireRequest(signed: {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
}): RequestToAuthenticate {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(signed.query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) {
      pairs.push(one === null ? encodeComponent(name) : `${encodeComponent(name)}=${encodeComponent(one)}`);
    }
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
  return { method: signed.method, rawPath: signed.path, rawQuery: pairs.join("&"), headers };
}

/** Splits a presigned URL without normalising it (`new URL` would resolve `..` segments). */
export function requestFromUrl(
  url: string,
  method: string,
  headers: Record<string, string> = {},
): RequestToAuthenticate {
  const afterScheme = url.slice(url.indexOf("//") + 2);
  const host = afterScheme.slice(0, afterScheme.indexOf("/"));
  const pathAndQuery = afterScheme.slice(host.length);
  const question = pathAndQuery.indexOf("?");
  return {
    method,
    rawPath: question < 0 ? pathAndQuery : pathAndQuery.slice(0, question),
    rawQuery: question < 0 ? "" : pathAndQuery.slice(question + 1),
    headers: { host, ...headers },
  };
}

/** One request as it reached the capture server. */
export interface CapturedRequest extends RequestToAuthenticate {
  body: Buffer;
}

/**
 * A real HTTP server on 127.0.0.1 that records what the SDK sends and answers 200, so tests can
 * authenticate genuine SDK requests (and tampered copies of them).
 */
export async function startCaptureServer(): Promise<{
  endpoint: string;
  requests: CapturedRequest[];
  close: () => Promise<void>;
}> {
  const requests: CapturedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = req.url ?? "/";
      const question = url.indexOf("?");
      requests.push({
        method: req.method ?? "GET",
        rawPath: question < 0 ? url : url.slice(0, question),
        rawQuery: question < 0 ? "" : url.slice(question + 1),
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(200, { etag: '"0"', "content-length": "0" });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** An S3 client that sends to the capture server. */
export function clientFor(endpoint: string): S3Client {
  return new S3Client({ region: REGION, endpoint, forcePathStyle: true, credentials, maxAttempts: 1 });
}
