import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import type { BucketConfig, ObjectStoreConfig } from "../../src/config.js";
import { type RunningObjectStore, startObjectStore } from "../../src/object-store.js";

export const ACCESS_KEY_ID = "AKIDSHOEBOXTEST";
export const SECRET_ACCESS_KEY = "shoebox-test-secret-key";
export const REGION = "us-east-1";
export const BUCKET = "photos";

export interface StoreFixture {
  store: RunningObjectStore;
  dataDir: string;
  /** A default-settings S3 client (default checksum behaviour, path-style). */
  client: S3Client;
  makeClient(overrides?: Partial<S3ClientConfig>): S3Client;
  close(): Promise<void>;
}

/** Starts a store on a free port in a fresh temp dir; `close()` stops it and removes the dir. */
export async function startFixture(
  options: { buckets?: BucketConfig[]; dataDir?: string } & Partial<ObjectStoreConfig> = {},
): Promise<StoreFixture> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "shoebox-s3-test-"));
  const store = await startObjectStore({
    port: 0,
    credentials: [{ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY }],
    buckets: [{ name: BUCKET }],
    eventRetryBaseDelayMs: 20,
    ...options,
    dataDir,
  });
  const clients: S3Client[] = [];
  const makeClient = (overrides: Partial<S3ClientConfig> = {}) => {
    const client = new S3Client({
      endpoint: store.endpoint,
      region: REGION,
      forcePathStyle: true,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
      ...overrides,
    });
    clients.push(client);
    return client;
  };
  const client = makeClient();
  return {
    store,
    dataDir,
    client,
    makeClient,
    async close() {
      for (const c of clients) c.destroy();
      await store.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every file under `dir`, relative paths. */
export function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const relative = prefix ? `${prefix}/${name}` : name;
    return statSync(path).isDirectory() ? listFiles(path, relative) : [relative];
  });
}
