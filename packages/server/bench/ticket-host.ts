/**
 * The benchmark's server process: the embedded host on free ports in a temp dir, with one extra route —
 * a bare Hono handler on the same app and server — as the baseline. Prints one JSON line with what the
 * load generator needs, then serves until killed.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedHost } from "../src/composition/embedded-host.js";
import { loadConfig } from "../src/config/load-config.js";
import type { Logger } from "../src/ports/logger.js";
import { TestMailbox } from "../test/support/test-mailbox.js";
import { benchUserWithEvent } from "./bench-user.js";

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
// The benchmark user confirms its email like anyone else: the code arrives at a local SMTP server.
const mailbox = await TestMailbox.start();
const config = loadConfig({
  SHOEBOX_SMTP_URL: mailbox.url,
  SHOEBOX_PORT: "0",
  SHOEBOX_S3_PORT: "0",
  SHOEBOX_DATA_DIR: mkdtempSync(join(tmpdir(), "shoebox-bench-")),
  // One user asks for thousands of tickets a second here; the per-user limit would answer 429.
  SHOEBOX_RATE_LIMIT_TICKETS_PER_MINUTE: "10000000",
});
const host = await startEmbeddedHost(config, {
  logger: quiet,
  startWorkers: false,
  extendApp: (app) => app.get("/bench/bare", (c) => c.json({ ok: true })),
});

const { token, eventId } = await benchUserWithEvent(host.url, mailbox);
console.log(JSON.stringify({ url: host.url, token, eventId, dataDir: config.storage.dataDir }));
