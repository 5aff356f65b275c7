import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { getRequestListener } from "@hono/node-server";
import { InProcessChangeNotifier } from "../adapters/in-process/in-process-change-notifier.js";
import { OfflineLabeler } from "../adapters/labeling/offline-labeler.js";
import { createJsonLinesLogger } from "../adapters/logging/json-lines-logger.js";
import { LogMailer } from "../adapters/mail/log-mailer.js";
import { SmtpMailer } from "../adapters/mail/smtp-mailer.js";
import { checkpointInBackground } from "../adapters/sqlite/background-checkpoints.js";
import { type Database, openDatabase } from "../adapters/sqlite/database.js";
import { SqliteEventRepository } from "../adapters/sqlite/sqlite-event.repository.js";
import { SqliteGuestLinkRepository } from "../adapters/sqlite/sqlite-guest-link.repository.js";
import { SqliteJobQueue } from "../adapters/sqlite/sqlite-job-queue.js";
import { SqlitePhotoRepository } from "../adapters/sqlite/sqlite-photo.repository.js";
import { SqliteShareLinkRepository } from "../adapters/sqlite/sqlite-share-link.repository.js";
import type { Config } from "../config/load-config.js";
import { PIPELINE_STEPS } from "../domain/photo.js";
import { createApp } from "../http/app.js";
import type { ApiApp } from "../http/app-env.js";
import { nodeClientAddress } from "../http/client-address.js";
import { StartupGate } from "../http/startup-gate.js";
import { mountWebClient } from "../http/web-client.js";
import { type Clock, systemClock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import { EventDeletionService } from "../services/events/event-deletion.service.js";
import type { PhotoPipelineService } from "../services/pipeline/photo-pipeline.service.js";
import { PendingUploadReconciler } from "../services/reconcile/pending-upload-reconciler.js";
import { type CorePorts, createCore } from "./create-core.js";
import { createImageProcessor, createPhotoPipeline } from "./create-pipeline.js";
import { createEmbeddedCdn, type EmbeddedCdn } from "./embedded-cdn.js";
import { createEmbeddedIdentity } from "./embedded-identity.js";
import { embeddedRateLimits, embeddedSharingPorts } from "./embedded-sharing.js";
import { type EmbeddedStorage, startEmbeddedStorage } from "./embedded-storage.js";
import { HostResources } from "./host-resources.js";
import { serveLandingPage } from "./landing-page.js";
import {
  type EmbeddedJobQueue,
  type EmbeddedJobs,
  EVENT_DELETION_JOB,
  enqueueUploads,
  PIPELINE_JOB,
  queueEventDeletions,
  queuePipelineTrigger,
} from "./pipeline-queue.js";
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
  queue: EmbeddedJobQueue;
  reconciler: PendingUploadReconciler;
  /** Resolves once the labeling models are loaded (at once when labeling is off); never rejects. */
  labelerReady: Promise<void>;
  /** Starts the pipeline workers, when the host was started with `startWorkers: false`. */
  startWorkers(): void;
  close(): Promise<void>;
}

/** What the embedded host's parts are built from, once the process owns its files and ports. */
interface HostContext {
  config: Config;
  options: EmbeddedHostOptions;
  logger: Logger;
  clock: Clock;
  resources: HostResources;
  db: Database;
  photos: SqlitePhotoRepository;
  /** The API's public URL and the origins allowed to call it. */
  url: string;
  corsOrigins: readonly string[];
}

/**
 * Starts Shoebox on one machine: the S3-compatible endpoint, SQLite, the built-in token issuer, the
 * pipeline workers and the HTTP app — `createCore`, as on AWS, over the embedded adapters. This function
 * owns the process's lifecycle; each part is built by a function below.
 */
export async function startEmbeddedHost(
  config: Config,
  options: EmbeddedHostOptions = {},
): Promise<EmbeddedHost> {
  const logger = options.logger ?? createJsonLinesLogger({ level: config.log.level });
  const clock = options.clock ?? systemClock;
  mkdirSync(config.storage.dataDir, { recursive: true });
  const resources = new HostResources();
  try {
    const db = openStorage(config.storage.dataDir, logger, resources);
    // The issuer URL is part of every token, so the API's real address must be known before identity.
    // Until the app is built, the gate answers 503 with Retry-After: no request waits on a silent port.
    const gate = new StartupGate();
    const server = createServer(gate.listener);
    resources.add(() => closeServer(server));
    const port = await listen(server, config.http.host, config.http.port);
    const url = config.http.port === 0 ? `http://${config.http.host}:${port}` : config.http.publicUrl;
    // On a free port (tests) the configured origins name port 0: add the origin the browser really uses.
    const corsOrigins =
      config.http.port === 0 ? [...config.http.corsOrigins, new URL(url).origin] : config.http.corsOrigins;
    const photos = SqlitePhotoRepository.open(db);
    const host: HostContext = { config, options, logger, clock, resources, db, photos, url, corsOrigins };

    const storage = await startEmbeddedStorage(config, corsOrigins, resources);
    const queue = new SqliteJobQueue<EmbeddedJobs>(db, { concurrency: 2 });
    // The API and the pipeline share this process: the notifier wakes long polls as photos change.
    const changes = new InProcessChangeNotifier();
    await serveApi(host, gate, storage, { queue, changes });
    const workers = await startPipeline(host, storage, { queue, changes });
    const reconciler = startReconciler(host, storage);
    return {
      url,
      s3Url: storage.s3PublicUrl,
      queue,
      reconciler,
      ...workers,
      close: () => resources.closeAll(),
    };
  } catch (error) {
    await resources.closeAll();
    throw error;
  }
}

/** The SQLite file every repository and the job queue share, checkpointed off the request path. */
function openStorage(dataDir: string, logger: Logger, resources: HostResources): Database {
  const databaseFile = join(dataDir, "shoebox.sqlite");
  const db = openDatabase(databaseFile);
  resources.add(() => {
    db.close();
  });
  const checkpoints = checkpointInBackground(db, databaseFile, (message) =>
    logger.warn("background checkpoint failed", { error: message }),
  );
  resources.add(() => checkpoints.stop());
  return db;
}

/** The HTTP app over `createCore`, with the built-in identity and the `/cdn` route beside it. */
async function serveApi(
  host: HostContext,
  gate: StartupGate,
  storage: EmbeddedStorage,
  pipeline: { queue: EmbeddedJobQueue; changes: InProcessChangeNotifier },
): Promise<void> {
  const { config, clock, url, db, logger } = host;
  const { dataDir } = config.storage;
  // Confirmation codes go out over SMTP when configured; otherwise into this host's log.
  const { smtpUrl, from } = config.mail;
  const smtp = smtpUrl === undefined ? undefined : new SmtpMailer({ url: smtpUrl, from });
  if (smtp) host.resources.add(smtp);
  const identity = await createEmbeddedIdentity({
    database: db,
    dataDir,
    issuer: `${url}/api`,
    clientId: config.auth.clientId,
    clock,
    mailer: smtp ?? new LogMailer(logger),
    logger,
  });
  // Variants are served under {url}/cdn/ with CloudFront-style signed URLs; originals never are.
  const cdn = await createEmbeddedCdn({
    dataDir,
    url,
    clock,
    store: storage.store,
    bucket: config.storage.bucket,
  });
  const ports = await embeddedPorts(host, storage, cdn, pipeline);
  const app = createApp({
    ...createCore(ports, config),
    tokenVerifier: rememberVerifiedTokens(identity.tokenVerifier, clock),
    accounts: identity.accounts,
    logger: host.logger,
    publicUrl: url,
    limits: { maxDirectUploadBytes: config.uploads.maxDirectUploadBytes },
    corsOrigins: host.corsOrigins,
    webAppOrigins: { uploadOrigins: [new URL(storage.s3PublicUrl).origin] },
    clientAddress: nodeClientAddress({ trustProxy: config.rateLimits.trustProxy }),
  });
  host.options.extendApp?.(app);
  // The built web client at `/`; without a build (`npm run build`), a page that points at the API.
  if (!mountWebClient(app)) serveLandingPage(app);
  const serveApp = getRequestListener(app.fetch);
  gate.open((req, res) => {
    if (!cdn.handle(req, res)) void serveApp(req, res);
  });
}

/** The embedded adapters behind the core's ports. */
async function embeddedPorts(
  host: HostContext,
  storage: EmbeddedStorage,
  cdn: EmbeddedCdn,
  pipeline: { queue: EmbeddedJobQueue; changes: InProcessChangeNotifier },
): Promise<CorePorts> {
  const { db, clock, config } = host;
  return {
    photos: host.photos,
    events: SqliteEventRepository.open(db),
    photoBucket: storage.photoBucket,
    deliveryUrls: cdn.deliveryUrls,
    clock,
    pipelineTrigger: queuePipelineTrigger(pipeline.queue),
    eventDeletions: queueEventDeletions(pipeline.queue),
    changes: pipeline.changes,
    sharing: await embeddedSharingPorts({ db, dataDir: config.storage.dataDir, clock }),
    rateLimits: embeddedRateLimits(config, clock),
  };
}

/**
 * The pipeline's workers over the durable queue the store's ObjectCreated events feed. The labeling models
 * load in a worker thread, started now so the first photo does not wait (~1 s, ~360 MiB).
 */
async function startPipeline(
  host: HostContext,
  storage: EmbeddedStorage,
  { queue, changes }: { queue: EmbeddedJobQueue; changes: InProcessChangeNotifier },
): Promise<Pick<EmbeddedHost, "labelerReady" | "startWorkers">> {
  const { config, logger, clock, resources } = host;
  const images = createImageProcessor(config.pipeline);
  resources.add(() => images.close());
  const labeler = config.pipeline.labeling
    ? new OfflineLabeler({ minLabelConfidence: config.pipeline.minLabelConfidence })
    : undefined;
  if (labeler) resources.add(() => labeler.close());
  const labelerReady = (labeler?.init() ?? Promise.resolve()).catch((error: unknown) =>
    logger.error("labeler.init_failed", { error }),
  );
  const { photos } = host;
  const pipeline = createPhotoPipeline(
    {
      photos,
      // The pipeline asks again whether the uploader may still upload (revocation reaches tickets).
      events: SqliteEventRepository.open(host.db),
      guestLinks: SqliteGuestLinkRepository.open(host.db),
      photoBucket: storage.photoBucket,
      images,
      ...(labeler ? { labeler } : {}),
      clock,
      logger,
      changes,
    },
    config,
  );
  resources.add(storage.store.subscribe(enqueueUploads(queue)));
  const deletions = new EventDeletionService({
    events: SqliteEventRepository.open(host.db),
    photos,
    photoBucket: storage.photoBucket,
    shareLinks: SqliteShareLinkRepository.open(host.db),
    guestLinks: SqliteGuestLinkRepository.open(host.db),
    clock,
    logger,
  });
  const startWorkers = () => runWorkers(queue, { pipeline, deletions }, logger);
  if (host.options.startWorkers !== false) startWorkers();
  resources.add(() => queue.stop());
  return { labelerReady, startWorkers };
}

/**
 * The queue keeps each job's current step (its progress note), so a job whose attempts ended with the
 * process stopping is dead-lettered at the next start with the step it was in.
 */
function runWorkers(
  queue: EmbeddedJobQueue,
  { pipeline, deletions }: { pipeline: PhotoPipelineService; deletions: EventDeletionService },
  logger: Logger,
): void {
  queue.start(
    {
      [PIPELINE_JOB]: async (job, _attempt, progress) =>
        void (await pipeline.handleJob(job, { onStep: progress })),
      // Each step is idempotent: a deletion cut short (error or crash) runs again from the start.
      [EVENT_DELETION_JOB]: (job, _attempt, progress) => deletions.run(job, progress),
    },
    async (letter) => {
      if (letter.type === EVENT_DELETION_JOB) {
        logger.error("event_deletion.dead_letter", { job: letter });
        return;
      }
      logger.error("pipeline.dead_letter", { job: letter });
      const step = PIPELINE_STEPS.find((name) => name === letter.progress);
      await pipeline.markFailed(
        letter.payload,
        letter.stoppedProcess ? { processStopped: true, ...(step ? { step } : {}) } : letter.lastError,
      );
    },
  );
}

/** Sweeps pending uploads whose ticket expired, on a timer that does not keep the process alive. */
function startReconciler(host: HostContext, storage: EmbeddedStorage): PendingUploadReconciler {
  const { logger, clock } = host;
  const reconciler = new PendingUploadReconciler(
    { photos: host.photos, photoBucket: storage.photoBucket, clock, logger },
    { graceSeconds: 300, batchSize: 100 },
  );
  const sweep = setInterval(
    () => reconciler.sweep().catch((error) => logger.error("reconcile.failed", { error })),
    host.options.reconcileIntervalMs ?? 60_000,
  );
  sweep.unref();
  host.resources.add(() => clearInterval(sweep));
  return reconciler;
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
