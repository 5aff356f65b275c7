import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type EmbeddedHost,
  type EmbeddedHostOptions,
  startEmbeddedHost,
} from "../../src/composition/embedded-host.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { Logger } from "../../src/ports/logger.js";
import { TestMailbox } from "./test-mailbox.js";

/** Drops log lines: the journeys assert on behaviour, and the runner's output stays readable. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};

/**
 * The embedded host on free ports in a fresh data dir, sending its mail to a real SMTP server started with
 * it (`mailbox`, where tests read confirmation codes). `restart` closes the host and starts it again on the
 * same data dir (new ports), as a user's `npm start` after a stop or a crash would.
 */
export class HostHarness {
  readonly dataDir = mkdtempSync(join(tmpdir(), "shoebox-e2e-"));
  host!: EmbeddedHost;
  mailbox!: TestMailbox;

  /** The running host's URL (for `ApiClient.signUp(harness, …)`, which also reads the mailbox). */
  get url(): string {
    return this.host.url;
  }

  async start(options: EmbeddedHostOptions = {}, env: Record<string, string> = {}): Promise<EmbeddedHost> {
    this.mailbox ??= await TestMailbox.start();
    const config = loadConfig({
      SHOEBOX_SMTP_URL: this.mailbox.url,
      SHOEBOX_PORT: "0",
      SHOEBOX_S3_PORT: "0",
      SHOEBOX_DATA_DIR: this.dataDir,
      SHOEBOX_LOG_LEVEL: "error",
      // The models cost a second and ~360 MiB per host; the labeling journey switches them on.
      SHOEBOX_LABELING: "off",
      ...env,
    });
    this.host = await startEmbeddedHost(config, { logger: silentLogger, ...options });
    return this.host;
  }

  /** Same data dir and same ports: the issuer URL inside every token names the port, as in production. */
  async restart(options: EmbeddedHostOptions = {}): Promise<EmbeddedHost> {
    await this.host.close();
    return this.start(options, {
      SHOEBOX_PORT: new URL(this.host.url).port,
      SHOEBOX_S3_PORT: new URL(this.host.s3Url).port,
    });
  }

  async stop(): Promise<void> {
    await this.host?.close();
    await this.mailbox?.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
