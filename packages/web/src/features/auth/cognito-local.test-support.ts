/// <reference types="node" />
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * `cognito-local` (a Cognito-compatible server from npm) in a child process on a free port, with its data
 * in a temp dir that the tests may read: it keeps each pool's users, and the confirmation code it would
 * have emailed, in `.cognito/db/<poolId>.json`. For tests only (it signs with a key shipped in the package).
 */
export class CognitoLocalServer {
  private constructor(
    readonly endpoint: string,
    private readonly child: ChildProcess,
    private readonly dataDir: string,
  ) {}

  static async start(): Promise<CognitoLocalServer> {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), "shoebox-web-cognito-"));
    const script = createRequire(import.meta.url).resolve("cognito-local/lib/bin/start.js");
    const child = spawn(process.execPath, [script], {
      cwd: dataDir,
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const server = new CognitoLocalServer(`http://127.0.0.1:${port}`, child, dataDir);
    try {
      await server.waitUntilHealthy();
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** The code `SignUp` would have emailed to `email`, read from the server's user store. */
  confirmationCodeOf(poolId: string, email: string): string {
    const path = join(this.dataDir, ".cognito", "db", `${poolId}.json`);
    const store = JSON.parse(readFileSync(path, "utf8")) as {
      Users?: Record<string, { Attributes?: { Name: string; Value?: string }[]; ConfirmationCode?: string }>;
    };
    const user = Object.values(store.Users ?? {}).find((candidate) =>
      candidate.Attributes?.some((attribute) => attribute.Name === "email" && attribute.Value === email),
    );
    if (!user?.ConfirmationCode) throw new Error(`No confirmation code is waiting for ${email}`);
    return user.ConfirmationCode;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.kill();
      await exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async waitUntilHealthy(): Promise<void> {
    let stderr = "";
    this.child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    for (let attempt = 0; attempt < 200; attempt++) {
      if (this.child.exitCode !== null) throw new Error(`cognito-local exited: ${stderr}`);
      try {
        if ((await fetch(`${this.endpoint}/health`)).ok) return;
      } catch {
        // Not listening yet.
      }
      await sleep(50);
    }
    throw new Error(`cognito-local did not start: ${stderr}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
