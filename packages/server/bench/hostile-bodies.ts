/**
 * `npm run bench -w packages/server` (last part): does a hostile direct upload stall everyone else? Three
 * senders post 10 MiB multipart bodies of tiny parts to `POST /api/photos` back to back for a fixed time
 * (loopback only), while a probe asks for a gallery page and the S3 endpoint at a steady pace. Reported:
 * the server's event-loop delay (`monitorEventLoopDelay`, p99 and max) and the probes' latency, next to a
 * baseline phase with the same probes and no hostile bodies, measured in the same run; and, for the record,
 * what the parser this replaced (`new Response(body).formData()`) costs for one such body.
 * Results: printed, and written to `packages/server/bench-results/hostile-bodies.json`.
 */

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { startChildHost } from "./child-host.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SENDERS = 3;
const BODY_BYTES = 10 * 1024 * 1024;
const PROBE_EVERY_MS = 20;
const BOUNDARY = "----shoebox-hostile";

interface HostInfo {
  url: string;
  s3Url: string;
  token: string;
  eventId: string;
  dataDir: string;
}

/** 10 MiB of one-byte text fields: the body that blocked the process for seconds. */
function hostileBody(): Buffer {
  const part = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="f"\r\n\r\nx\r\n`);
  const count = Math.floor((BODY_BYTES - 64) / part.length);
  return Buffer.concat([...Array.from({ length: count }, () => part), Buffer.from(`--${BOUNDARY}--\r\n`)]);
}

const keepAlive = new Agent({ keepAlive: true, maxSockets: 4 });

/** One request; resolves with its status (0 when the connection failed) and latency in ms. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer; agent?: Agent | false },
): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: options.method ?? "GET", headers: options.headers, agent: options.agent ?? keepAlive },
      (res) => {
        res.resume();
        res.once("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    // A server may answer and close while a hostile body is still being sent: that is its right.
    req.once("error", () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(options.body);
  });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(1));
}

/** Probes a gallery page and the S3 endpoint, alternately, every PROBE_EVERY_MS until `until`. */
async function probe(info: HostInfo, until: number) {
  const gallery: number[] = [];
  const s3: number[] = [];
  let failures = 0;
  const galleryUrl = `${info.url}/api/events/${info.eventId}/photos`;
  for (let i = 0; Date.now() < until; i++) {
    const next = performance.now() + PROBE_EVERY_MS;
    const onS3 = i % 2 === 1;
    const answer = onS3
      ? await send(`${info.s3Url}/`, {})
      : await send(galleryUrl, { headers: { authorization: `Bearer ${info.token}` } });
    (onS3 ? s3 : gallery).push(answer.ms);
    if (onS3 ? answer.status !== 403 : answer.status !== 200) failures++;
    const wait = next - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  const summary = (values: number[]) => ({
    requests: values.length,
    p50Ms: percentile(values, 50),
    p99Ms: percentile(values, 99),
    maxMs: percentile(values, 100),
  });
  return { gallery: summary(gallery), s3: summary(s3), failures };
}

async function loopDelay(info: HostInfo, reset: boolean) {
  const res = await fetch(`${info.url}/bench/loop${reset ? "/reset" : ""}`, {
    method: reset ? "POST" : "GET",
  });
  return (await res.json()) as { p99Ms: number; maxMs: number };
}

/** One phase: the probe, with `senders` hostile senders posting back to back, for SECONDS. */
async function phase(info: HostInfo, senders: number, body: Buffer) {
  await loopDelay(info, true);
  const until = Date.now() + SECONDS * 1000;
  const statuses: Record<string, number> = {};
  const hostileMs: number[] = [];
  const sender = async () => {
    while (Date.now() < until) {
      const answer = await send(`${info.url}/api/photos`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${info.token}`,
          "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
          "content-length": String(body.length),
        },
        body,
        agent: false,
      });
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      hostileMs.push(answer.ms);
    }
  };
  const [probes] = await Promise.all([probe(info, until), ...Array.from({ length: senders }, sender)]);
  const loop = await loopDelay(info, false);
  return {
    eventLoopDelay: loop,
    probes,
    hostile:
      senders === 0
        ? undefined
        : { statuses, p50Ms: percentile(hostileMs, 50), maxMs: percentile(hostileMs, 100) },
  };
}

const body = hostileBody();
const { child, info } = await startChildHost<HostInfo>("./hostile-body-host.ts");
let report: Record<string, unknown>;
try {
  await phase(info, 0, body); // warm-up: JIT, connections
  const baseline = await phase(info, 0, body);
  const underAttack = await phase(info, SENDERS, body);
  const ratio = (a: number, b: number) => Number((a / Math.max(b, 0.1)).toFixed(2));
  report = {
    machine: { cores: (await import("node:os")).availableParallelism(), node: process.version },
    settings: { seconds: SECONDS, senders: SENDERS, bodyBytes: body.length, probeEveryMs: PROBE_EVERY_MS },
    baseline,
    underAttack,
    ratios: {
      eventLoopP99: ratio(underAttack.eventLoopDelay.p99Ms, baseline.eventLoopDelay.p99Ms),
      galleryP99: ratio(underAttack.probes.gallery.p99Ms, baseline.probes.gallery.p99Ms),
      s3P99: ratio(underAttack.probes.s3.p99Ms, baseline.probes.s3.p99Ms),
    },
    targets: { eventLoopDelayMaxMs: 100, otherRequestsP99Ms: 50 },
  };
} finally {
  child.kill();
  rmSync(info.dataDir, { recursive: true, force: true });
}

// The parser this replaced, on the same body, in this process (it blocks the event loop while it runs).
const started = performance.now();
await new Response(body, { headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` } })
  .formData()
  .catch(() => undefined);
report.replacedParserOneBodyMs = Math.round(performance.now() - started);

const b = report.baseline as Awaited<ReturnType<typeof phase>>;
const u = report.underAttack as Awaited<ReturnType<typeof phase>>;
console.log(`
Hostile direct uploads: ${SENDERS} senders × 10 MiB multipart of tiny parts, back to back, ${SECONDS} s (loopback)
                          event loop p99 / max      gallery p99 / max       S3 p99 / max         probe failures
  baseline (no attack)    ${b.eventLoopDelay.p99Ms} / ${b.eventLoopDelay.maxMs} ms          ${b.probes.gallery.p99Ms} / ${b.probes.gallery.maxMs} ms          ${b.probes.s3.p99Ms} / ${b.probes.s3.maxMs} ms        ${b.probes.failures}
  under attack            ${u.eventLoopDelay.p99Ms} / ${u.eventLoopDelay.maxMs} ms          ${u.probes.gallery.p99Ms} / ${u.probes.gallery.maxMs} ms          ${u.probes.s3.p99Ms} / ${u.probes.s3.maxMs} ms        ${u.probes.failures}
  hostile answers         ${JSON.stringify(u.hostile?.statuses)} (p50 ${u.hostile?.p50Ms} ms)
  ratios attack / base    ${JSON.stringify(report.ratios)}
  replaced parser         new Response(body).formData() on one such body: ${report.replacedParserOneBodyMs} ms of blocked event loop
  targets                 event-loop delay < 100 ms, other requests' p99 < 50 ms`);
const out = new URL("../bench-results/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });
writeFileSync(`${out}hostile-bodies.json`, `${JSON.stringify(report, null, 2)}\n`);
