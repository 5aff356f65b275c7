import { join } from "node:path";
import { type RunningObjectStore, startObjectStore } from "@shoebox/object-store";
import { InProcessReadPhotoBucket } from "../adapters/s3/in-process-reads.js";
import { S3PhotoBucket } from "../adapters/s3/s3-photo-bucket.js";
import type { Config } from "../config/load-config.js";
import { OBJECT_KEY_PREFIXES } from "../domain/object-keys.js";
import type { PhotoBucket } from "../ports/photo-bucket.js";
import { loadOrCreateS3Credentials, type S3Credentials } from "./embedded-s3-credentials.js";
import type { HostResources } from "./host-resources.js";

export interface EmbeddedStorage {
  /** The embedded S3 endpoint, running in this process. */
  store: RunningObjectStore;
  /** The endpoint's address as browsers reach it (presigned URLs point here). */
  s3PublicUrl: string;
  /** The services' view of the bucket: the S3 adapter, with whole-object reads in-process. */
  photoBucket: PhotoBucket;
}

/**
 * Starts the embedded S3 endpoint and the S3 adapter that talks to it — the same adapter as on AWS, over
 * the real protocol, with one access key kept in the data dir.
 */
export async function startEmbeddedStorage(
  config: Config,
  corsOrigins: readonly string[],
  resources: HostResources,
): Promise<EmbeddedStorage> {
  const { dataDir, bucket } = config.storage;
  const credentials = await loadOrCreateS3Credentials(dataDir);
  const store = await startEmbeddedObjectStore(config, { dataDir, credentials, corsOrigins });
  resources.add(store);
  const s3PublicUrl = config.storage.s3Port === 0 ? store.endpoint : config.storage.s3PublicUrl;
  const s3 = new S3PhotoBucket({
    bucket,
    region: config.storage.region,
    endpoint: store.endpoint,
    publicEndpoint: s3PublicUrl,
    forcePathStyle: true,
    credentials,
  });
  resources.add(() => s3.close());
  return { store, s3PublicUrl, photoBucket: new InProcessReadPhotoBucket(s3, store, bucket) };
}

/** The photo bucket: private, CORS for the web origins, ObjectCreated under `uploads/` to the pipeline. */
function startEmbeddedObjectStore(
  config: Config,
  {
    dataDir,
    credentials,
    corsOrigins,
  }: { dataDir: string; credentials: S3Credentials; corsOrigins: readonly string[] },
): Promise<RunningObjectStore> {
  return startObjectStore({
    dataDir: join(dataDir, "objects"),
    host: config.http.host,
    port: config.storage.s3Port,
    region: config.storage.region,
    credentials: [credentials],
    buckets: [
      {
        name: config.storage.bucket,
        cors: [
          {
            allowedOrigins: [...corsOrigins],
            allowedMethods: ["GET", "HEAD", "PUT", "POST"],
            allowedHeaders: ["*"],
            exposeHeaders: ["ETag"],
            maxAgeSeconds: 3600,
          },
        ],
        notifications: [
          { id: "photo-pipeline", events: ["s3:ObjectCreated:*"], prefix: OBJECT_KEY_PREFIXES.uploads },
        ],
        // A ticket is used once: a replayed POST form (which cannot carry If-None-Match) gets 412 too.
        createOnlyPrefixes: [OBJECT_KEY_PREFIXES.uploads],
      },
    ],
  });
}
