import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { WorkerOptions } from "node:worker_threads";

/** What `new Worker(script, options)` needs to start the labeling worker. */
export interface WorkerLaunch {
  script: string | URL;
  options: WorkerOptions;
}

/**
 * How to start `labeling.worker` from wherever this module runs. After `tsc` it is a plain `.js` file next
 * to this one in `dist/`. Under tsx (tests, `--conditions=source`) it is `.ts`, and on Node 20 a worker
 * ignores ESM loader hooks, whether inherited or given as `--import tsx` in its `execArgv`; tsx's
 * CommonJS hook does work inside a worker, so a small bootstrap registers it and then requires the worker
 * source. The bootstrap gets `require` from `node:module` because an inherited `--input-type=module`
 * makes eval'd code ESM, where there is none.
 */
export function labelingWorkerLaunch(): WorkerLaunch {
  if (!import.meta.url.endsWith(".ts")) {
    return { script: new URL("./labeling.worker.js", import.meta.url), options: {} };
  }
  const tsxRegister = createRequire(import.meta.url).resolve("tsx/cjs/api");
  const workerSource = fileURLToPath(new URL("./labeling.worker.ts", import.meta.url));
  const bootstrap = [
    `const load = process.getBuiltinModule("node:module").createRequire(${JSON.stringify(workerSource)});`,
    `load(${JSON.stringify(tsxRegister)}).register();`,
    `load(${JSON.stringify(workerSource)});`,
  ].join("\n");
  return { script: bootstrap, options: { eval: true } };
}
