import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { type RunningObjectStore, startObjectStore } from "@shoebox/object-store";
import { cryptoIds } from "../adapters/crypto-ids.js";
import { createEmbeddedIdentity } from "../adapters/embedded/identity/create-embedded-identity.js";
import { SharpImageProcessor } from "../adapters/embedded/imaging/sharp-image-processor.js";
import { WeightedSemaphore } from "../adapters/embedded/imaging/weighted-semaphore.js";
import { InProcessReadObjectStore } from "../adapters/embedded/in-process-reads.js";
import { OfflineLabeler } from "../adapters/embedded/labeling/offline-labeler.js";
import { checkpointInBackground } from "../adapters/embedded/sqlite/background-checkpoints.js";
import { type Database, openDatabase } from "../adapters/embedded/sqlite/database.js";
import { SqliteEventRepository } from "../adapters/embedded/sqlite/sqlite-event.repository.js";
import { SqlitePhotoRepository } from "../adapters/embedded/sqlite/sqlite-photo.repository.js";
import { SqliteJobQueue } from "../adapters/embedded/sqlite-job-queue.js";
import { createJsonLinesLogger } from "../adapters/logging/json-lines-logger.js";
import { S3ObjectStore } from "../adapters/s3/s3-object-store.js";
import type { Config } from "../config/load-config.js";
import { createApp } from "../http/app.js";
import type { ApiApp } from "../http/app-env.js";
import { nodeClientAddress } from "../http/client-address.js";
import { mountWebClient } from "../http/web-client.js";
import { type Clock, systemClock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import { EventService } from "../services/events/event.service.js";
import { GalleryService } from "../services/gallery/gallery.service.js";
import { PhotoStatusService } from "../services/gallery/photo-status.service.js";
import { InProcessChangeNotifier } from "../services/pipeline/in-process-change-notifier.js";
import { PhotoPipelineService } from "../services/pipeline/photo-pipeline.service.js";
import { processStoppedError } from "../services/pipeline/pipeline-step-error.js";
import { PendingUploadReconciler } from "../services/reconcile/pending-upload-reconciler.js";
import { UploadService } from "../services/uploads/upload.service.js";
import { createEmbeddedCdn } from "./embedded-cdn.js";
import { loadOrCreateS3Credentials } from "./embedded-s3-credentials.js";
import { createEmbeddedSharing } from "./embedded-sharing.js";
import { serveLandingPage } from "./landing-page.js";
import { enqueueObjectCreated, OBJECT_CREATED_JOB, queuePipelineTrigger } from "./object-created-queue.js";
import { rememberVerifiedTokens } from "./remembered-tokens.js";

export interface EmbeddedHostOptions {
  logger?: Logger;
  clock?: Clock;
  /** Start the pipeline workers (default true). Tests stop here to leave jobs queued across a restart. */
  startWorkers?: boolean;
  /** How often pending uploads whose ticket expired are swept (default 60 s). */
  reconcileIntervalMs?: number;
  /** Adds routes before the app starts serving (benchmarks mount their baseline route here). */
  extendApp?: (app: ApiApp) => void;
}

export interface EmbeddedHost {
  /** Where the web app and API listen, e.g. `http://127.0.0.1:8080` (API under `/api`). */
  url: string;
  /** The embedded S3 endpoint. */
  s3Url: string;
  queue: SqliteJobQueue;
  reconciler: PendingUploadReconciler;
  /** Resolves once the labeling models are loaded (at once when labeling is off); never rejects. */
  labelerReady: Promise<void>;
  /** Starts the pipeline workers, when the host was started with `startWorkers: false`. */
  startWorkers(): void;
  close(): Promise<void>;
}

/** Most pixels a photo may decode to: 100 MP covers any camera; more is a decompression bomb. */
const MAX_PIXELS = 100_000_000;

/**
 * Starts Shoebox on one machine: the S3-compatible endpoint, SQLite, the built-in token issuer, the
 * pipeline workers and the HTTP app — the same services and handlers the AWS host runs on Lambda.
 */
export async function startEmbeddedHost(
  config: Config,
  options: EmbeddedHostOptions = {},
): Promise<EmbeddedHost> {
  const logger = options.logger ?? createJsonLinesLogger({ level: config.log.level });
  const clock = options.clock ?? systemClock;
  const { dataDir } = config.storage;
  mkdirSync(dataDir, { recursive: true });

  const resources: { close(): Promise<void> | void }[] = [];
  const closeAll = async () => {
    for (const resource of resources.reverse()) await resource.close();
  };
  try {
    const databaseFile = join(dataDir, "shoebox.sqlite");
    const db = openDatabase(databaseFile);
    resources.push({
      close: () => {
        db.close();
      },
    });
    const checkpoints = checkpointInBackground(db, databaseFile, (message) =>
      logger.warn("background checkpoint failed", { error: message }),
    );
    resources.push({ close: () => checkpoints.stop() });

    // The issuer URL is part of every token, so the API's real address must be known before identity.
    const server = createServer();
    resources.push({ close: () => closeServer(server) });
    const port = await listen(server, config.http.host, config.http.port);
    const url = config.http.port === 0 ? `http://${config.http.host}:${port}` : config.http.publicUrl;
    // On a free port (tests) the configured origins name port 0: add the origin the browser really uses.
    const corsOrigins =
      config.http.port === 0 ? [...config.http.corsOrigins, new URL(url).origin] : config.http.corsOrigins;

    const store = await startEmbeddedObjectStore(config, dataDir, corsOrigins);
    resources.push(store);
    const s3PublicUrl = config.storage.s3Port === 0 ? store.endpoint : config.storage.s3PublicUrl;
    const s3 = new S3ObjectStore({
      bucket: config.storage.bucket,
      region: config.storage.region,
      endpoint: store.endpoint,
      publicEndpoint: s3PublicUrl,
      forcePathStyle: true,
      credentials: loadOrCreateS3Credentials(dataDir),
    });
    resources.push({ close: () => s3.close() });
    const objectStore = new InProcessReadObjectStore(s3, store, config.storage.bucket);

    const photos = SqlitePhotoRepository.open(db);
    const events = SqliteEventRepository.open(db);
    const { accounts, tokenVerifier } = await createEmbeddedIdentity({
      database: db,
      dataDir,
      issuer: `${url}/api`,
      clientId: config.auth.clientId,
      clock,
    });
    const queue = new SqliteJobQueue(db, { concurrency: 2 });
    // The API and the pipeline share this process: the notifier wakes long polls as photos change.
    const changes = new InProcessChangeNotifier();
    // Variants are served under {url}/cdn/ with CloudFront-style signed URLs; originals never are.
    const cdn = await createEmbeddedCdn({ dataDir, url, clock, store, bucket: config.storage.bucket });
    const { deliveryUrls } = cdn;
    const uploads = new UploadService({ photos, events, objectStore, clock, ids: cryptoIds }, config.uploads);
    const { sharing, rateLimits } = await createEmbeddedSharing({
      db,
      dataDir,
      config,
      clock,
      photos,
      events,
      uploads,
      deliveryUrls,
    });
    const app = createApp({
      events: new EventService({ events, clock, ids: cryptoIds }),
      uploads,
      gallery: new GalleryService(
        { photos, events, objectStore, deliveryUrls, changes },
        { viewUrlTtlSeconds: config.uploads.viewUrlTtlSeconds },
      ),
      photoStatus: new PhotoStatusService(
        { photos, events, objectStore, deliveryUrls, pipeline: queuePipelineTrigger(queue), clock },
        { viewUrlTtlSeconds: config.uploads.viewUrlTtlSeconds },
      ),
      tokenVerifier: rememberVerifiedTokens(tokenVerifier, clock),
      accounts,
      logger,
      publicUrl: url,
      limits: { maxDirectUploadBytes: config.uploads.maxDirectUploadBytes },
      corsOrigins,
      sharing,
      rateLimits,
      clientAddress: nodeClientAddress({ trustProxy: config.rateLimits.trustProxy }),
    });
    options.extendApp?.(app);
    // The built web client at `/`; without a build (`npm run build`), a page that points at the API.
    if (!mountWebClient(app)) serveLandingPage(app);
    const serveApp = getRequestListener(app.fetch);
    server.on("request", (req, res) => {
      if (!cdn.handle(req, res)) void serveApp(req, res);
    });

    // Decodes are admitted by pixels: a few huge (legal) images at once would otherwise take GiBs.
    const images = new SharpImageProcessor({
      maxPixels: MAX_PIXELS,
      decodeBudget: new WeightedSemaphore(config.pipeline.decodePixelBudget),
    });
    resources.push({ close: () => images.close() });
    // The models load in a worker thread, started now so the first photo does not wait (~1 s, ~360 MiB).
    const labeler = config.pipeline.labeling
      ? new OfflineLabeler({ minLabelConfidence: config.pipeline.minLabelConfidence })
      : undefined;
    if (labeler) resources.push({ close: () => labeler.close() });
    const labelerReady = (labeler?.init() ?? Promise.resolve()).catch((error: unknown) =>
      logger.error("labeler.init_failed", { error }),
    );
    const pipeline = new PhotoPipelineService(
      {
        photos,
        objectStore,
        images,
        ...(labeler ? { labeler } : {}),
        clock,
        logger,
        changes,
      },
      {
        maxUploadBytes: config.uploads.maxUploadBytes,
        labeling: {
          minLabelConfidence: config.pipeline.minLabelConfidence,
          moderationThreshold: config.pipeline.moderationThreshold,
        },
      },
    );
    const unsubscribe = store.subscribe(enqueueObjectCreated(queue));
    resources.push({ close: unsubscribe });
    const startWorkers = () =>
      queue.start(
        {
          [OBJECT_CREATED_JOB]: async (payload, _attempt, progress) =>
            void (await pipeline.handleObjectCreated(payload as never, { onStep: progress })),
        },
        async (letter) => {
          logger.error("pipeline.dead_letter", { job: letter });
          const lastError = letter.stoppedProcess ? processStoppedError(letter.progress) : letter.lastError;
          await pipeline.markFailed(letter.payload as never, lastError);
        },
      );
    if (options.startWorkers !== false) startWorkers();
    resources.push({ close: () => queue.stop() });

    const reconciler = new PendingUploadReconciler(
      { photos, objectStore, clock, logger },
      { graceSeconds: 300, batchSize: 100 },
    );
    const sweep = setInterval(
      () => reconciler.sweep().catch((error) => logger.error("reconcile.failed", { error })),
      options.reconcileIntervalMs ?? 60_000,
    );
    sweep.unref();
    resources.push({ close: () => clearInterval(sweep) });

    return { url, s3Url: s3PublicUrl, queue, reconciler, labelerReady, startWorkers, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The photo bucket: private, CORS for the web origins, ObjectCreated under `uploads/` to the pipeline. */
function startEmbeddedObjectStore(
  config: Config,
  dataDir: string,
  corsOrigins: readonly string[],
): Promise<RunningObjectStore> {
  return startObjectStore({
    dataDir: join(dataDir, "objects"),
    host: config.http.host,
    port: config.storage.s3Port,
    region: config.storage.region,
    credentials: [loadOrCreateS3Credentials(dataDir)],
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
        notifications: [{ id: "photo-pipeline", events: ["s3:ObjectCreated:*"], prefix: "uploads/" }],
      },
    ],
  });
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export type { Database };
