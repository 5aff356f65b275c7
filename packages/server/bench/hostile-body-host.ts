/**
 * The hostile-bodies benchmark's server process: the embedded host on free ports in a temp dir, watching its
 * own event loop with `monitorEventLoopDelay`. Two extra routes let the load generator read the loop:
 * `POST /bench/loop/reset` starts a phase, `GET /bench/loop` gives its p99 and max delay (ms). Prints one
 * JSON line with what the load generator needs, then serves until killed.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { startEmbeddedHost } from "../src/composition/embedded-host.js";
import { loadConfig } from "../src/config/load-config.js";
import type { Logger } from "../src/ports/logger.js";
import { TestMailbox } from "../test/support/test-mailbox.js";
import { benchUserWithEvent } from "./bench-user.js";

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
const ms = (nanoseconds: number) => Number((nanoseconds / 1e6).toFixed(1));

// The benchmark user confirms its email like anyone else: the code arrives at a local SMTP server.
const mailbox = await TestMailbox.start();
const config = loadConfig({
  SHOEBOX_SMTP_URL: mailbox.url,
  SHOEBOX_PORT: "0",
  SHOEBOX_S3_PORT: "0",
  SHOEBOX_DATA_DIR: mkdtempSync(join(tmpdir(), "shoebox-bench-")),
  SHOEBOX_LABELING: "off",
  // The per-user limit would answer most hostile bodies with 429 before parsing; measure the parser itself.
  SHOEBOX_RATE_LIMIT_TICKETS_PER_MINUTE: "10000000",
});
const host = await startEmbeddedHost(config, {
  logger: quiet,
  startWorkers: false,
  extendApp: (app) => {
    app.post("/bench/loop/reset", (c) => {
      loop.reset();
      return c.json({ ok: true });
    });
    app.get("/bench/loop", (c) => c.json({ p99Ms: ms(loop.percentile(99)), maxMs: ms(loop.max) }));
  },
});

const { token, eventId } = await benchUserWithEvent(host.url, mailbox);
console.log(
  JSON.stringify({
    url: host.url,
    s3Url: host.s3Url,
    token,
    eventId,
    dataDir: config.storage.dataDir,
  }),
);
