/**
 * The labeling worker thread: loads the object and moderation models once, then answers `analyze`
 * requests one at a time. Model inference blocks its thread for ~250 ms per photo, which is why it runs
 * here and never on the main thread. Started by `OfflineLabeler`; not meant to be imported.
 */
import { parentPort } from "node:worker_threads";
import { decodeToSquareRgb } from "./image-pixels.js";
import { locateModelFiles } from "./model-files.js";
import { MODERATION_INPUT_SIZE, ModerationClassifier } from "./moderation-classifier.js";
import { ObjectDetector } from "./object-detector.js";
import { useWasmBackend } from "./tfjs-wasm-runtime.js";
import type { AnalyzeRequest, WorkerMessage, WorkerRequest } from "./worker-protocol.js";

if (!parentPort) throw new Error("labeling.worker.ts must run in a worker thread");
const port = parentPort;

interface Models {
  objects: ObjectDetector;
  moderation: ModerationClassifier;
}

async function loadModels(): Promise<Models> {
  const files = locateModelFiles();
  await useWasmBackend(files.wasmDirectory);
  const objects = await ObjectDetector.load(files.centernetModelJson);
  const moderation = await ModerationClassifier.load(files.nsfwModelBundle, files.nsfwWeightBundle);
  return { objects, moderation };
}

async function analyze(request: AnalyzeRequest, models: Models): Promise<WorkerMessage> {
  const bytes = new Uint8Array(request.bytes);
  const [forObjects, forModeration] = await Promise.all([
    decodeToSquareRgb(bytes, models.objects.inputSize, "contain"),
    decodeToSquareRgb(bytes, MODERATION_INPUT_SIZE, "fill"),
  ]);
  const objects = await models.objects.detect(forObjects);
  const nsfw = await models.moderation.classify(forModeration);
  return { type: "result", id: request.id, objects, nsfw };
}

function post(message: WorkerMessage): void {
  port.postMessage(message);
}

const loadStarted = performance.now();
const models = loadModels();
models.then(
  () => post({ type: "ready", loadMs: performance.now() - loadStarted }),
  (error: unknown) => {
    // Without its models the worker is useless: crash it, so the labeler reports why and starts afresh.
    throw error;
  },
);

// Requests are chained so one photo is analysed at a time, in arrival order, after the models are loaded.
let queue: Promise<void> = Promise.resolve();
port.on("message", (request: WorkerRequest) => {
  queue = queue.then(async () => {
    try {
      post(await analyze(request, await models));
    } catch (error) {
      post({
        type: "failure",
        id: request.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  });
});
