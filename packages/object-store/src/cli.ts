#!/usr/bin/env node
import { parseArgs } from "node:util";
import type { BucketConfig } from "./config.js";
import { startObjectStore } from "./object-store.js";

const USAGE = `Usage: shoebox-s3 [options]

A small, exact S3-compatible object store on local disk.

  --port <n>                 listen port (default 9000; 0 = any free port)
  --host <addr>              listen address (default 127.0.0.1)
  --data-dir <dir>           where objects and the catalog live (default ./.data/s3)
  --bucket <name>            a bucket to serve (repeatable; default "shoebox")
  --access-key-id <id>       access key id clients sign with (default "shoebox")
  --secret-access-key <key>  its secret (default "shoebox-secret")
  --region <region>          region clients sign for (default us-east-1)
  --cors-origin <origin>     allow browser uploads from this origin, or "*" (repeatable)
  --abort-incomplete-multipart-days <n>
                             abort multipart uploads initiated more than n days ago
                             (default 7; 0 = never)
  --help                     show this help
`;

/** Parses the command line, starts the store, prints its endpoint, and stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "9000" },
      host: { type: "string", default: "127.0.0.1" },
      "data-dir": { type: "string", default: "./.data/s3" },
      bucket: { type: "string", multiple: true },
      "access-key-id": { type: "string", default: "shoebox" },
      "secret-access-key": { type: "string", default: "shoebox-secret" },
      region: { type: "string", default: "us-east-1" },
      "cors-origin": { type: "string", multiple: true },
      "abort-incomplete-multipart-days": { type: "string", default: "7" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port ${values.port}`);
  const expiryDays = values["abort-incomplete-multipart-days"];
  if (!/^\d+$/.test(expiryDays)) throw new Error(`invalid --abort-incomplete-multipart-days ${expiryDays}`);
  const origins = values["cors-origin"] ?? [];
  const cors = origins.length
    ? [
        {
          allowedOrigins: origins,
          allowedMethods: ["GET", "PUT", "POST", "HEAD"],
          allowedHeaders: ["*"],
          exposeHeaders: ["ETag", "x-amz-request-id"],
          maxAgeSeconds: 3000,
        },
      ]
    : undefined;
  const buckets: BucketConfig[] = (values.bucket ?? ["shoebox"]).map((name) => ({
    name,
    ...(cors ? { cors } : {}),
  }));
  const store = await startObjectStore({
    dataDir: values["data-dir"],
    host: values.host,
    port,
    region: values.region,
    credentials: [{ accessKeyId: values["access-key-id"], secretAccessKey: values["secret-access-key"] }],
    buckets,
    abortIncompleteMultipartAfterDays: Number(expiryDays),
  });
  console.log(`shoebox-s3 listening on ${store.endpoint}`);
  console.log(
    `buckets: ${buckets.map((b) => b.name).join(", ")}; region ${values.region}; data in ${values["data-dir"]}`,
  );
  const stop = () => {
    store.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(`shoebox-s3: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
