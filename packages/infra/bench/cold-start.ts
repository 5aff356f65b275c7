/**
 * `npm run bench -w packages/infra`: the cold start of the Lambda bundles, i.e. how long a fresh Node
 * process takes to import each function's `index.mjs` as synthesized for deployment (esbuild, minified,
 * the AWS SDK bundled, sharp installed for linux-x64), on the Node that runs this benchmark. Lambda's
 * `NODE_OPTIONS=--enable-source-maps` is applied. The baseline, measured in the same run, is a fresh
 * process that imports nothing (`node -e ''`); the result is each bundle's import time, and its whole
 * process time as a ratio to that baseline. Results: printed, and written to
 * `packages/infra/bench-results/cold-start-<node version>.json`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { BUNDLE_IMPORT_ENV, LAMBDA_FUNCTIONS, synthesizeRealApp } from "../test/support/real-app.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FUNCTIONS = LAMBDA_FUNCTIONS;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** One fresh process: its wall time, and the time its `import()` of `entry` took inside it (ms). */
function freshProcess(entry?: string): { wallMs: number; importMs: number } {
  const script = entry
    ? `const t = performance.now(); const m = await import(${JSON.stringify(entry)});` +
      ` if (typeof m.handler !== "function") throw new Error("no handler");` +
      " console.log(performance.now() - t);"
    : "console.log(0);";
  const started = performance.now();
  const output = execFileSync(
    process.execPath,
    ["--enable-source-maps", "--no-warnings", "--input-type=module", "-e", script],
    { encoding: "utf8", cwd: tmpdir(), env: BUNDLE_IMPORT_ENV },
  );
  return { wallMs: performance.now() - started, importMs: Number(output.trim()) };
}

console.log("synthesizing the real app (esbuild bundles, sharp for linux-x64) …");
const real = synthesizeRealApp();
try {
  const bundleOf = (idPrefix: string) => join(real.bundleDirOf(idPrefix), "index.mjs");

  freshProcess(); // warm the OS's file cache for the node binary itself
  const baseline: number[] = [];
  const samples = Object.fromEntries(
    Object.keys(FUNCTIONS).map((name) => [name, [] as ReturnType<typeof freshProcess>[]]),
  );
  for (const id of Object.values(FUNCTIONS)) freshProcess(bundleOf(id)); // and of each bundle
  // Alternate the baseline and the bundles, so that a busy moment on the machine hits all of them alike.
  for (let run = 0; run < RUNS; run++) {
    baseline.push(freshProcess().wallMs);
    for (const [name, id] of Object.entries(FUNCTIONS)) samples[name]!.push(freshProcess(bundleOf(id)));
  }
  const baselineMs = median(baseline);
  const results = Object.fromEntries(
    Object.entries(samples).map(([name, runs]) => {
      const wallMs = median(runs.map((r) => r.wallMs));
      return [
        name,
        {
          importMs: Number(median(runs.map((r) => r.importMs)).toFixed(1)),
          processMs: Number(wallMs.toFixed(1)),
          processToBaselineRatio: Number((wallMs / baselineMs).toFixed(2)),
        },
      ];
    }),
  );
  const report = {
    node: process.version,
    runs: RUNS,
    emptyProcessMs: Number(baselineMs.toFixed(1)),
    results,
  };
  console.log(`
Lambda bundles' cold start on Node ${process.version} (median of ${RUNS} fresh processes each, --enable-source-maps)
  baseline: empty process (node -e '')   ${report.emptyProcessMs} ms
${Object.entries(results)
  .map(
    ([name, r]) =>
      `  ${name.padEnd(10)} import ${String(r.importMs).padStart(7)} ms   whole process ${String(r.processMs).padStart(7)} ms   ${r.processToBaselineRatio}× the empty process`,
  )
  .join("\n")}`);
  const out = new URL("../bench-results/", import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}cold-start-${process.version}.json`, `${JSON.stringify(report, null, 2)}\n`);
} finally {
  real.remove();
}
