import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

/**
 * Starts `pipeline-host.ts` (the embedded host for the pipeline benchmarks) in a process of its own, with
 * `env` on top of this one's and its sign-up codes mailed to `smtpUrl`. `lines` reads what it prints.
 */
export function startPipelineHost(
  env: Record<string, string>,
  smtpUrl: string,
): { child: ChildProcess; lines: AsyncIterator<string> } {
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", new URL("./pipeline-host.ts", import.meta.url).pathname],
    { env: { ...process.env, BENCH_SMTP_URL: smtpUrl, ...env }, stdio: ["ignore", "pipe", "inherit"] },
  );
  return { child, lines: createInterface({ input: child.stdout! })[Symbol.asyncIterator]() };
}

/** The next JSON line the host prints (its addresses, or a report), skipping anything else. */
export async function nextJson<T>(lines: AsyncIterator<string>): Promise<T> {
  for (;;) {
    const { value, done } = await lines.next();
    if (done) throw new Error("host exited early");
    if (value.startsWith("{")) return JSON.parse(value) as T;
  }
}
