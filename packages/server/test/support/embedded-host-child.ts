/**
 * The embedded host in a process of its own, for tests that kill it (SIGKILL) and start it again on the same
 * data dir and ports: `CHILD_DATA_DIR`, `CHILD_PORT`, `CHILD_S3_PORT` (0 = free). Prints `{url, s3Url}`.
 */
import { startEmbeddedHost } from "../../src/composition/embedded-host.js";
import { loadConfig } from "../../src/config/load-config.js";
import { silentLogger } from "./embedded-host-harness.js";

const config = loadConfig({
  SHOEBOX_PORT: process.env.CHILD_PORT ?? "0",
  SHOEBOX_S3_PORT: process.env.CHILD_S3_PORT ?? "0",
  SHOEBOX_DATA_DIR: process.env.CHILD_DATA_DIR!,
  SHOEBOX_LABELING: "off",
  ...(process.env.SHOEBOX_SMTP_URL ? { SHOEBOX_SMTP_URL: process.env.SHOEBOX_SMTP_URL } : {}),
});
const host = await startEmbeddedHost(config, { logger: silentLogger });
console.log(JSON.stringify({ url: host.url, s3Url: host.s3Url }));
