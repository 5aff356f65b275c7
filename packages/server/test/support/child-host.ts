import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import Database from "better-sqlite3";

const CHILD = new URL("./embedded-host-child.ts", import.meta.url).pathname;

/**
 * The embedded host in a child process (`embedded-host-child.ts`), for tests that kill it mid-job with
 * SIGKILL and start it again on the same data directory. Resolves with its addresses once it listens.
 */
export async function startChildHost(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; s3Url: string }> {
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", CHILD], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line.startsWith("{")) return { child, ...(JSON.parse(line) as { url: string; s3Url: string }) };
  }
  throw new Error("the host exited before listening");
}

/** SIGKILL: no shutdown hook runs, as when the machine loses power or the kernel kills the process. */
export function killHost(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/**
 * Polls the host's job queue through a second, read-only connection to its SQLite file (as any reader
 * would) until `query` returns a row that `until` accepts; fails after `deadlineMs`.
 */
export async function waitForJobRow<Row>(
  dataDir: string,
  query: string,
  until: (row: Row) => boolean,
  { deadlineMs = 60_000, pollMs = 5 }: { deadlineMs?: number; pollMs?: number } = {},
): Promise<Row> {
  const db = new Database(join(dataDir, "shoebox.sqlite"), { readonly: true });
  try {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const row = db.prepare(query).get() as Row | undefined;
      if (row !== undefined && until(row)) return row;
      if (Date.now() > deadline) assert.fail(`the job never got there: ${JSON.stringify(row)}`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    db.close();
  }
}
