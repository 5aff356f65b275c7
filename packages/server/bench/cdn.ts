/**
 * Delivery URLs: signing and verifying CloudFront signed URLs (µs per call, in-process), and `/cdn`
 * throughput for a `thumb` at concurrency 50 as a ratio to a bare static file handler on the same server in
 * the same run (target ≥ 0.7). Server in a child process, load generator here: one core each.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { CloudFrontDeliveryUrls } from "../src/adapters/cloudfront/cloudfront-delivery-urls.js";
import { SignedUrlVerifier } from "../src/adapters/cloudfront/signed-url-verifier.js";
import { systemClock } from "../src/ports/clock.js";
import { startChildHost } from "./child-host.js";
import { type LoadResult, load, summarizeLoad } from "./load.js";
import { median, microsecondsPerCall } from "./measure.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 50;

interface CdnHostInfo {
  signedUrl: string;
  /** Paths of distinct signed URLs for the same thumbnail, more than the verifier remembers. */
  freshPathsFile: string;
  staticUrl: string;
  dir: string;
  bytes: number;
}

/** Signing (fresh and reused), and verifying, measured on the real signer and verifier. */
async function measureSigning() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const baseUrl = "http://127.0.0.1:8080/cdn";
  // Granularity 1 s and a new key each call: every URL is signed afresh (no reuse).
  const fresh = new CloudFrontDeliveryUrls({
    baseUrl,
    keyPairId: "KBENCH",
    privateKey,
    clock: systemClock,
    expiryGranularitySeconds: 1,
  });
  const pem = new CloudFrontDeliveryUrls({
    baseUrl,
    keyPairId: "KBENCH",
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    clock: systemClock,
    expiryGranularitySeconds: 1,
  });
  const reused = new CloudFrontDeliveryUrls({ baseUrl, keyPairId: "KBENCH", privateKey, clock: systemClock });
  const verifierOptions = { baseUrl, publicKeys: new Map([["KBENCH", publicKey]]), clock: systemClock };
  const remembering = new SignedUrlVerifier(verifierOptions);
  const checkingAfresh = new SignedUrlVerifier({ ...verifierOptions, rememberedUrls: 0 });
  let n = 0;
  const sample = new URL(await fresh.signedUrl("variants/p1/thumb.webp", 300));
  const path = sample.pathname.slice("/cdn/".length);
  const query = sample.search.slice(1);
  const verifyWith = (verifier: SignedUrlVerifier) => () => {
    if (!verifier.verify(path, query).ok) throw new Error("the benchmark's own URL did not verify");
  };
  return {
    signFreshUs: await microsecondsPerCall(() => fresh.signedUrl(`variants/p${n++}/thumb.webp`, 300), {
      iterations: 300,
    }),
    signFreshWithPemStringUs: await microsecondsPerCall(
      () => pem.signedUrl(`variants/q${n++}/thumb.webp`, 300),
      {
        iterations: 100,
      },
    ),
    signReusedUs: await microsecondsPerCall(() => reused.signedUrl("variants/p1/thumb.webp", 300)),
    verifyUs: await microsecondsPerCall(verifyWith(checkingAfresh)),
    verifyRememberedUs: await microsecondsPerCall(verifyWith(remembering)),
  };
}

/** Runs the CDN benchmark, prints it and writes `bench-results/cdn.json`. */
export async function runCdnBenchmark(): Promise<void> {
  const signing = await measureSigning();
  const { child, info } = await startChildHost<CdnHostInfo>("./cdn-host.ts");
  try {
    const freshPaths = JSON.parse(readFileSync(info.freshPathsFile, "utf8")) as string[];
    const cdn = () => load({ url: info.signedUrl, connections: CONNECTIONS, seconds: SECONDS });
    const cdnFresh = () =>
      load({ url: info.signedUrl, paths: freshPaths, connections: CONNECTIONS, seconds: SECONDS });
    const bare = () => load({ url: info.staticUrl, connections: CONNECTIONS, seconds: SECONDS });
    await bare();
    await cdn();
    await cdnFresh();
    const bareRuns: LoadResult[] = [];
    const cdnRuns: LoadResult[] = [];
    const cdnFreshRuns: LoadResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareRuns.push(await bare());
      cdnRuns.push(await cdn());
      cdnFreshRuns.push(await cdnFresh());
    }
    const ratioOf = (runs: LoadResult[]) =>
      Number(median(bareRuns.map((b, i) => runs[i]!.requestsPerSecond / b.requestsPerSecond)).toFixed(3));
    const report = {
      machine: { cores: (await import("node:os")).availableParallelism(), node: process.version },
      settings: { connections: CONNECTIONS, secondsPerRun: SECONDS, rounds: ROUNDS, thumbBytes: info.bytes },
      signingMicroseconds: Object.fromEntries(
        Object.entries(signing).map(([k, v]) => [k, Number(v.toFixed(1))]),
      ),
      bareStaticHandler: summarizeLoad(bareRuns),
      signedCdnRoute: summarizeLoad(cdnRuns),
      signedCdnRouteEveryUrlNew: summarizeLoad(cdnFreshRuns),
      cdnToStaticRatio: ratioOf(cdnRuns),
      cdnEveryUrlNewToStaticRatio: ratioOf(cdnFreshRuns),
      targets: { cdnToStaticRatio: 0.7 },
    };
    const s = report.signingMicroseconds;
    console.log(`
Delivery URLs (in-process, µs per call)
  sign, fresh signature     ${s.signFreshUs}  (${Math.round(1e6 / s.signFreshUs!)} /s; with a PEM string instead of a parsed key: ${s.signFreshWithPemStringUs})
  sign, reused (same URL)   ${s.signReusedUs}
  verify, new URL           ${s.verifyUs}  (${Math.round(1e6 / s.verifyUs!)} /s)
  verify, URL seen before   ${s.verifyRememberedUs}  (signature not checked again; time, resource, address are)
/cdn thumb (${info.bytes} B) at concurrency ${CONNECTIONS} (median of ${ROUNDS} × ${SECONDS} s)
  bare static handler   ${report.bareStaticHandler.requestsPerSecond} req/s   p99 ${report.bareStaticHandler.p99Ms} ms
  signed /cdn route     ${report.signedCdnRoute.requestsPerSecond} req/s   p99 ${report.signedCdnRoute.p99Ms} ms   failures ${report.signedCdnRoute.failures}   (one URL, as a gallery hands every viewer)
    every URL new       ${report.signedCdnRouteEveryUrlNew.requestsPerSecond} req/s   p99 ${report.signedCdnRouteEveryUrlNew.p99Ms} ms   failures ${report.signedCdnRouteEveryUrlNew.failures}   (${freshPaths.length} distinct signatures in turn: each one checked)
  ratio cdn / static    ${report.cdnToStaticRatio}; every URL new ${report.cdnEveryUrlNewToStaticRatio}   (target ≥ 0.7)
  (the static handler streams the file through the thread pool, as static servers do; the store reads
   objects up to 256 KiB with one synchronous read — from the disk every time, nothing is cached in memory)`);
    const out = new URL("../bench-results/", import.meta.url).pathname;
    mkdirSync(out, { recursive: true });
    writeFileSync(`${out}cdn.json`, `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    child.kill();
    rmSync(info.dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runCdnBenchmark();
