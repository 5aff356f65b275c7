/** Credentials and bucket shared by the benchmark's processes. */
export const BENCH_KEY_ID = "AKIDBENCH";
export const BENCH_SECRET = "bench-secret";
export const BENCH_BUCKET = "bench";
