import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ImageRejectedError } from "../../domain/errors.js";
import type { RgbaImage } from "./heic-pixels.js";
import type { HeicWorkerReply, HeicWorkerRequest } from "./heic-worker-protocol.js";

interface Waiter {
  resolve(image: RgbaImage): void;
  reject(error: Error): void;
}

/** A running worker and the requests it owes replies to (a closed worker's failures never reach its successor). */
interface Running {
  worker: Worker;
  waiting: Map<number, Waiter>;
}

/** One lazily started worker thread; requests queue inside it, replies are matched by id. */
export class HeicWorkerClient {
  private running: Running | undefined;
  private nextId = 1;

  /** Decodes in the worker; `ImageRejectedError`s thrown there arrive as `ImageRejectedError`s here. */
  decode(bytes: Buffer, maxPixels: number): Promise<RgbaImage> {
    const id = this.nextId++;
    const { worker, waiting } = this.start();
    return new Promise<RgbaImage>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      // Copied, not transferred: the caller still owns its buffer (which may be a slice of a shared pool).
      worker.postMessage({ id, bytes, maxPixels } satisfies HeicWorkerRequest);
      worker.ref();
    });
  }

  async close(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.worker.terminate();
  }

  private start(): Running {
    if (this.running) return this.running;
    // The sibling with this module's own extension: .ts when run from source (tsx), .js once built.
    const extension = extname(fileURLToPath(import.meta.url));
    const entry = new URL(`./heic-decode.worker${extension}`, import.meta.url);
    const worker =
      extension === ".ts" ? new Worker(registerTsxThenImport(entry), { eval: true }) : new Worker(entry);
    const running: Running = { worker, waiting: new Map() };
    worker.on("message", (reply: HeicWorkerReply) => settle(running, reply));
    worker.on("error", (error) => failAll(running, error));
    worker.on("exit", (code) => {
      if (this.running === running) this.running = undefined;
      failAll(running, new Error(`The HEIC decoder thread exited with code ${code}`));
    });
    worker.unref();
    this.running = running;
    return running;
  }
}

function settle({ worker, waiting }: Running, reply: HeicWorkerReply): void {
  const waiter = waiting.get(reply.id);
  if (!waiter) return;
  waiting.delete(reply.id);
  // An idle worker must not keep the process alive.
  if (waiting.size === 0) worker.unref();
  if ("data" in reply) {
    waiter.resolve({ width: reply.width, height: reply.height, data: reply.data });
  } else if ("rejected" in reply) {
    waiter.reject(new ImageRejectedError(reply.rejected));
  } else {
    waiter.reject(new Error(`HEIC decoding failed: ${reply.failed}`));
  }
}

function failAll({ waiting }: Running, error: Error): void {
  for (const waiter of waiting.values()) waiter.reject(error);
  waiting.clear();
}

/**
 * Node 20 does not apply `--import` loader hooks inside worker threads, so from source the worker registers
 * tsx itself before importing its TypeScript entry. Built code (`.js`) never takes this path.
 */
function registerTsxThenImport(entry: URL): string {
  const tsxApi = import.meta.resolve("tsx/esm/api");
  return `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
}
