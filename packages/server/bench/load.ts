import autocannon from "autocannon";
import { median } from "./measure.js";

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/**
 * Drives one route at a fixed concurrency for a fixed time (bounded: loopback only, seconds long). With
 * `paths`, successive requests (across all connections) take the next path in turn instead of `url`'s.
 */
export async function load(options: {
  url: string;
  paths?: readonly string[];
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    method: options.method ?? "GET",
    headers: options.headers ?? {},
    ...(options.body !== undefined ? { body: options.body } : {}),
    connections: options.connections,
    duration: options.seconds,
    ...(options.paths ? { requests: [{ setupRequest: rotatingPath(options.paths) }] } : {}),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

function rotatingPath(paths: readonly string[]) {
  let next = 0;
  return <Request extends { path?: string }>(request: Request): Request => {
    request.path = paths[next++ % paths.length]!;
    return request;
  };
}

/** Medians over repeated runs of one route; failures summed (any is a bug, not noise). */
export function summarizeLoad(results: LoadResult[]) {
  return {
    requestsPerSecond: Math.round(median(results.map((r) => r.requestsPerSecond))),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p99Ms: median(results.map((r) => r.p99Ms)),
    failures: results.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
  };
}
