/**
 * `npm run bench -w packages/server`: upload tickets per second through the whole HTTP path (auth,
 * attendance, pending record, presign) at concurrency 50, as a ratio to a bare Hono route on the same
 * server in the same run, with the per-step costs measured in-process. Results: printed, and written to
 * `packages/server/bench-results/tickets.json`.
 *
 * The server runs in a child process and the load generator here, so each has a core of its own.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { runCdnBenchmark } from "./cdn.js";
import { startChildHost } from "./child-host.js";
import { type LoadResult, load, summarizeLoad } from "./load.js";
import { median } from "./measure.js";
import { measureTicketSteps } from "./ticket-steps.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;

interface HostInfo {
  url: string;
  token: string;
  eventId: string;
  dataDir: string;
}

const { child, info } = await startChildHost<HostInfo>("./ticket-host.ts");
try {
  const bare = () => load({ url: `${info.url}/bench/bare`, connections: CONNECTIONS, seconds: SECONDS });
  const ticket = () =>
    load({
      url: `${info.url}/api/events/${info.eventId}/photos/initiate-upload`,
      method: "POST",
      headers: { authorization: `Bearer ${info.token}`, "content-type": "application/json" },
      body: JSON.stringify({ filename: "IMG_0001.jpg", contentType: "image/jpeg", size: 3_000_000 }),
      connections: CONNECTIONS,
      seconds: SECONDS,
    });

  await bare(); // warm-up: JIT, connection pool
  await ticket();
  const bareRuns: LoadResult[] = [];
  const ticketRuns: LoadResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareRuns.push(await bare());
    ticketRuns.push(await ticket());
  }
  const baseline = summarizeLoad(bareRuns);
  const tickets = summarizeLoad(ticketRuns);
  const ratios = bareRuns.map((b, i) => ticketRuns[i]!.requestsPerSecond / b.requestsPerSecond);

  child.kill();
  const steps = await measureTicketSteps();

  const report = {
    machine: { cores: (await import("node:os")).availableParallelism(), node: process.version },
    settings: { connections: CONNECTIONS, secondsPerRun: SECONDS, rounds: ROUNDS },
    bareHonoRoute: baseline,
    uploadTickets: tickets,
    ticketsToBareRatio: Number(median(ratios).toFixed(3)),
    perStepMicroseconds: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, Number(v.toFixed(1))])),
    targets: { ticketsPerSecond: 5000, p99Ms: 20 },
  };
  console.log(`
Upload tickets at concurrency ${CONNECTIONS} (median of ${ROUNDS} × ${SECONDS} s; server and load generator on one core each)
  bare Hono route       ${baseline.requestsPerSecond} req/s   p50 ${baseline.p50Ms} ms   p99 ${baseline.p99Ms} ms
  initiate-upload       ${tickets.requestsPerSecond} req/s   p50 ${tickets.p50Ms} ms   p99 ${tickets.p99Ms} ms   failures ${tickets.failures}
  ratio tickets / bare  ${report.ticketsToBareRatio}
  per step (µs/call)    verify token ${report.perStepMicroseconds.verifyTokenUs} (remembered ${report.perStepMicroseconds.verifyRememberedTokenUs}) · attendance ${report.perStepMicroseconds.attendanceCheckUs} · pending record ${report.perStepMicroseconds.pendingRecordWriteUs} · presign POST ${report.perStepMicroseconds.presignPostUs} · presign PUT ${report.perStepMicroseconds.presignPutUs} · whole service call ${report.perStepMicroseconds.wholeServiceCallUs}
  targets               ≥ 5000 tickets/s, p99 ≤ 20 ms`);
  const out = new URL("../bench-results/", import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}tickets.json`, `${JSON.stringify(report, null, 2)}\n`);
} finally {
  child.kill();
  rmSync(info.dataDir, { recursive: true, force: true });
}

await runCdnBenchmark();
