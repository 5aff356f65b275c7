import { performance } from "node:perf_hooks";

/** Median of `rounds` timings of `iterations` calls, in µs per call (after one untimed warm-up round). */
export async function microsecondsPerCall(
  fn: () => unknown,
  { iterations = 2000, rounds = 5 }: { iterations?: number; rounds?: number } = {},
): Promise<number> {
  const timings: number[] = [];
  for (let round = -1; round < rounds; round++) {
    const started = performance.now();
    for (let i = 0; i < iterations; i++) await fn();
    if (round >= 0) timings.push(((performance.now() - started) * 1000) / iterations);
  }
  return median(timings);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
