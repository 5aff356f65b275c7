import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { AuthOptions } from "./auth/index.js";
import { Catalog } from "./catalog/catalog.js";
import type { BucketConfig, ObjectStoreConfig } from "./config.js";
import { EventDispatcher } from "./events/event-dispatcher.js";
import type { EventSubscriber } from "./events/event-types.js";
import { createObjectStoreHandler } from "./http/handler.js";
import { CompletionsInProgress } from "./lifecycle/completions-in-progress.js";
import { DAY_MS, UploadExpiry } from "./lifecycle/upload-expiry.js";
import { BlobStore } from "./storage/blob-store.js";
import { HashPool } from "./storage/hash-pool.js";
import type { StoreDeps } from "./store-deps.js";

export interface RunningObjectStore {
  /** e.g. "http://127.0.0.1:9000" */
  endpoint: string;
  port: number;
  /** Starts delivering journaled events (also those left from before a restart) to this subscriber; returns unsubscribe. */
  subscribe(subscriber: EventSubscriber): () => void;
  /**
   * Opens an object for reading in-process, with no HTTP and no authentication: for the program that
   * embeds the store and has already decided the reader may see it (Shoebox's signed `/cdn` route).
   * `range` is inclusive and must lie within the object. `undefined` when there is no such object.
   */
  openObject(bucket: string, key: string, range?: { start: number; end: number }): OpenedObject | undefined;
  /**
   * Aborts now the multipart uploads initiated more than `abortIncompleteMultipartAfterDays` ago, as the
   * start-up and hourly sweeps do; resolves with how many it aborted (0 when expiry is disabled).
   */
  abortIncompleteMultipartUploads(): Promise<number>;
  /** Stops accepting, waits briefly for in-flight requests, stops delivery and closes the catalog. */
  close(): Promise<void>;
}

export interface OpenedObject {
  /** The bytes (or the requested range) as a stream; a small object's stream replays `bytes`. */
  body: Readable;
  /**
   * The same bytes, already read and the file closed, when there are at most `SMALL_OBJECT_BYTES`: send
   * them as they are, no stream needed. Otherwise undefined, and `body` must be consumed or destroyed.
   */
  bytes?: Buffer;
  size: number;
  /** Quoted, as in an ETag header. */
  etag: string;
  lastModified: Date;
  contentType?: string;
  cacheControl?: string;
}

/**
 * Objects (or ranges) up to this size are read whole by `openObject`: thumbnails and web-sized variants
 * served thousands of times a second, where a stream's open/read/close trips through the thread pool cost
 * more than the read itself.
 */
export const SMALL_OBJECT_BYTES = 256 * 1024;

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const CLOSE_GRACE_MS = 2_000;

/**
 * Starts the embedded S3-compatible store: opens (or creates) the catalog in `dataDir`, sweeps what a
 * crash may have left (temp files, unreferenced blobs), aborts abandoned multipart uploads, and listens on
 * `host:port`.
 *
 * @example
 *   const store = await startObjectStore({ dataDir: "./data/s3", port: 0, buckets: [{ name: "photos" }],
 *     credentials: [{ accessKeyId: "shoebox", secretAccessKey: "shoebox-secret" }] });
 *   store.subscribe(async (message) => console.log(message.Records[0]?.eventName));
 */
export async function startObjectStore(config: ObjectStoreConfig): Promise<RunningObjectStore> {
  const buckets = bucketMap(config.buckets);
  if (config.credentials.length === 0) throw new Error("object store: at least one credential is required");
  const expiryDays = config.abortIncompleteMultipartAfterDays ?? 7;
  if (!Number.isInteger(expiryDays) || expiryDays < 0) {
    throw new Error(
      "object store: abortIncompleteMultipartAfterDays must be a whole number of days (0 = never)",
    );
  }
  mkdirSync(config.dataDir, { recursive: true });
  const catalog = Catalog.open(join(config.dataDir, "catalog.sqlite"));
  const blobs = new BlobStore(config.dataDir);
  const referenced = catalog.referencedBlobIds();
  blobs.sweep((id) => referenced.has(id));
  const hashes = new HashPool();
  const dispatcher = new EventDispatcher(catalog, {
    baseDelayMs: config.eventRetryBaseDelayMs ?? 200,
    onDeliveryError: (error, attempts) =>
      console.error(`object store: event delivery failed (attempt ${attempts}), will retry:`, error),
  });
  const secrets = new Map(config.credentials.map((c) => [c.accessKeyId, c.secretAccessKey]));
  const now = config.now ?? (() => new Date());
  const region = config.region ?? "us-east-1";
  const auth: AuthOptions = {
    secretFor: (id) => secrets.get(id),
    region,
    now,
    maxClockSkewSeconds: config.maxClockSkewSeconds ?? 900,
  };
  const deps: StoreDeps = {
    catalog,
    blobs,
    hashes,
    events: dispatcher,
    buckets,
    region,
    now,
    auth,
    completions: new CompletionsInProgress(),
    // As long as an abandoned upload lives (S3 keeps answering a retry for a while, not forever).
    completedUploadRetentionMs: (expiryDays > 0 ? expiryDays : 7) * DAY_MS,
    logError: (error, context) => console.error(`object store: ${context} failed:`, error),
  };
  const expiry = expiryDays > 0 ? new UploadExpiry(deps, expiryDays * DAY_MS) : undefined;
  // No request timeout: a multi-GiB upload on a slow link may take longer than Node's default 5 minutes.
  const handler = createObjectStoreHandler(deps);
  const server = createServer({ requestTimeout: 0, highWaterMark: 1024 * 1024 }, handler);
  server.on("checkContinue", handler.checkContinue);
  try {
    // Before listening, like the blob sweep: no request waits behind a backlog of expired uploads.
    await expiry?.sweep();
    await listen(server, config.port ?? 9000, config.host ?? "127.0.0.1");
  } catch (error) {
    await hashes.close();
    catalog.close();
    throw error;
  }
  expiry?.startPeriodic();
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${host}:${address.port}`,
    port: address.port,
    subscribe: (subscriber) => dispatcher.subscribe(subscriber),
    openObject(bucket, key, range) {
      const object = catalog.getObjectForRead(bucket, key);
      if (!object) return undefined;
      // Read right after the lookup (opened synchronously), as GetObject does: a replacing write cannot
      // intervene. The extent is exact, so a stream never allocates more than the object needs.
      const extent = range ?? (object.size > 0 ? { start: 0, end: object.size - 1 } : undefined);
      const length = extent ? extent.end - extent.start + 1 : 0;
      const attributes = {
        size: object.size,
        etag: object.etag,
        lastModified: object.lastModified,
        ...(object.contentType ? { contentType: object.contentType } : {}),
        ...(object.cacheControl ? { cacheControl: object.cacheControl } : {}),
      };
      if (length <= SMALL_OBJECT_BYTES) {
        const bytes = extent ? blobs.readBytes(object.blobId, extent) : Buffer.alloc(0);
        return {
          ...attributes,
          bytes,
          get body() {
            return Readable.from([bytes], { objectMode: false });
          },
        };
      }
      const body = blobs.read(object.blobId, extent);
      return { ...attributes, body };
    },
    abortIncompleteMultipartUploads: () => expiry?.sweep() ?? Promise.resolve(0),
    close() {
      closing ??= (async () => {
        await expiry?.stop();
        await closeServer(server);
        await dispatcher.close();
        await hashes.close();
        catalog.close();
      })();
      return closing;
    },
  };
}

function bucketMap(buckets: readonly BucketConfig[]): Map<string, BucketConfig> {
  const map = new Map<string, BucketConfig>();
  for (const bucket of buckets) {
    if (!BUCKET_NAME.test(bucket.name)) throw new Error(`object store: invalid bucket name "${bucket.name}"`);
    map.set(bucket.name, bucket);
  }
  return map;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** Stops accepting; idle keep-alive connections close now, busy ones get a grace period. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
