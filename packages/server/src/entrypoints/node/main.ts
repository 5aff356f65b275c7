#!/usr/bin/env node
import { startEmbeddedHost } from "../../composition/embedded-host.js";
import { ConfigError, loadConfig } from "../../config/load-config.js";

/** `npm start`: Shoebox on one machine, configured from the environment (defaults need nothing set). */
async function main(): Promise<void> {
  const config = loadConfig();
  const host = await startEmbeddedHost(config);
  console.log(`Shoebox is running
  web and API   ${host.url}   (API under ${host.url}/api, OpenAPI at ${host.url}/api/openapi.json)
  S3 endpoint   ${host.s3Url}   (bucket "${config.storage.bucket}")
  data          ${config.storage.dataDir}
Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping Shoebox…`);
    await host.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Shoebox cannot start: ${error.message}`);
  } else {
    console.error("Shoebox failed to start:", error);
  }
  process.exit(1);
});
