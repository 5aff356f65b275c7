import { createHash } from "node:crypto";
import http from "node:http";
import { Hash } from "@smithy/core/serde";
import { SignatureV4 } from "@smithy/signature-v4";
import { ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY } from "./store-fixture.js";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method: string;
  /** Sent exactly as given on the request line (no normalisation of "..", no re-encoding). */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Sign with SigV4 header auth (default true). */
  sign?: boolean;
  secretAccessKey?: string;
  /** The path the signature covers, when it must differ from `path` (S3 signs the canonical, re-encoded key). */
  signedPath?: string;
  /** Signed x-amz-content-sha256 value; defaults to the body's real SHA-256. */
  contentSha256?: string;
}

/** The headers `rawRequest` sends for `request`: host, content-length and, unless `sign: false`, SigV4. */
export async function requestHeaders(endpoint: string, request: RawRequest): Promise<Record<string, string>> {
  const url = new URL(endpoint);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  let headers: Record<string, string> = { host: url.host, ...(request.headers ?? {}) };
  if (body) headers["content-length"] = String(body.length);
  if (request.sign !== false) {
    headers["x-amz-content-sha256"] =
      request.contentSha256 ??
      createHash("sha256")
        .update(body ?? Buffer.alloc(0))
        .digest("hex");
    const signer = new SignatureV4({
      service: "s3",
      region: REGION,
      credentials: {
        accessKeyId: ACCESS_KEY_ID,
        secretAccessKey: request.secretAccessKey ?? SECRET_ACCESS_KEY,
      },
      sha256: Hash.bind(null, "sha256"),
      uriEscapePath: false,
    });
    const signed = await signer.sign({
      method: request.method,
      protocol: "http:",
      hostname: url.hostname,
      port: Number(url.port),
      path: request.signedPath ?? request.path,
      query: request.query ?? {},
      headers,
    });
    headers = signed.headers as Record<string, string>;
  }
  return headers;
}

/** Sends one request with node:http to `endpoint`, optionally SigV4-signed with the test credentials. */
export async function rawRequest(endpoint: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(endpoint);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers = await requestHeaders(endpoint, request);
  const query = new URLSearchParams(request.query ?? {}).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: Number(url.port),
        method: request.method,
        path: query ? `${request.path}?${query}` : request.path,
        headers,
      },
      (res) => readRawResponse(res).then(resolve, reject),
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The `<Code>` of an S3 error document. */
export function errorCode(body: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
}

/** The path S3 (and the SDK) sign for a key: each segment RFC 3986-encoded, "/" kept. */
export function canonicalObjectPath(bucket: string, key: string): string {
  const encode = (segment: string) =>
    encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `/${bucket}/${key.split("/").map(encode).join("/")}`;
}

/** A response's status, headers and whole body (as UTF-8 text). */
export function readRawResponse(res: http.IncomingMessage): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("end", () =>
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      }),
    );
    res.on("error", reject);
  });
}
