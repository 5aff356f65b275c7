import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

/**
 * Starts a benchmark's server script (`./name.ts`, from sources) in its own process, so the server and
 * the load generator each have a core, and waits for the first JSON line it prints: what the load
 * generator needs (URLs, tokens, ids).
 */
export async function startChildHost<Info>(script: string): Promise<{ child: ChildProcess; info: Info }> {
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", new URL(script, import.meta.url).pathname],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line.startsWith("{")) return { child, info: JSON.parse(line) as Info };
  }
  throw new Error(`the benchmark host ${script} exited before it was ready`);
}
