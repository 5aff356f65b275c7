import type { AuthOptions } from "./auth/index.js";
import type { Catalog } from "./catalog/catalog.js";
import type { BucketConfig } from "./config.js";
import type { CompletionsInProgress } from "./lifecycle/completions-in-progress.js";
import type { BlobStore } from "./storage/blob-store.js";
import type { HashPool } from "./storage/hash-pool.js";

/** Everything the request handler and its operations use, built once by `startObjectStore`. */
export interface StoreDeps {
  catalog: Catalog;
  blobs: BlobStore;
  hashes: HashPool;
  /** Told after every journal append, so delivery starts without polling. */
  events: { wake(): void };
  buckets: ReadonlyMap<string, BucketConfig>;
  region: string;
  now: () => Date;
  auth: AuthOptions;
  /** How long a completed multipart upload is remembered, to answer a retried completion the same way. */
  completedUploadRetentionMs: number;
  /** Uploads being completed right now, which the expiry of abandoned uploads must leave alone. */
  completions: CompletionsInProgress;
  /** Where unexpected (5xx) failures are reported. */
  logError: (error: unknown, context: string) => void;
}
