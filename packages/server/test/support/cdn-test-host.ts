import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningObjectStore, startObjectStore } from "@shoebox/object-store";
import {
  CDN_PATH_PREFIX,
  createCdnRequestHandler,
} from "../../src/adapters/cloudfront/cdn-request-handler.js";
import { CloudFrontDeliveryUrls } from "../../src/adapters/cloudfront/cloudfront-delivery-urls.js";
import { SignedUrlVerifier } from "../../src/adapters/cloudfront/signed-url-verifier.js";
import { S3PhotoBucket } from "../../src/adapters/s3/s3-photo-bucket.js";
import { ManualClock } from "./fakes/manual-clock.js";

const BUCKET = "cdn-test";
const CREDENTIALS = { accessKeyId: "AKIDCDNTEST", secretAccessKey: "cdn-test-secret" };

/**
 * The `/cdn` handler on a real HTTP server (127.0.0.1, free port) over a real embedded object store, with
 * a signer for the same base URL and a second, foreign key pair — for tests of what the route lets through.
 */
export async function startCdnTestHost() {
  const dir = mkdtempSync(join(tmpdir(), "shoebox-cdn-"));
  const clock = new ManualClock(new Date());
  let store: RunningObjectStore | undefined;
  let server: Server | undefined;
  try {
    store = await startObjectStore({
      dataDir: join(dir, "objects"),
      host: "127.0.0.1",
      port: 0,
      region: "us-east-1",
      credentials: [CREDENTIALS],
      buckets: [{ name: BUCKET }],
    });
    const running = store;
    const writer = new S3PhotoBucket({
      bucket: BUCKET,
      region: "us-east-1",
      endpoint: running.endpoint,
      forcePathStyle: true,
      credentials: CREDENTIALS,
    });
    const ours = rsaKeyPair();
    const foreign = rsaKeyPair();
    server = createServer();
    const port = await new Promise<number>((resolve) =>
      server!.listen(0, "127.0.0.1", () => resolve((server!.address() as AddressInfo).port)),
    );
    const baseUrl = `http://127.0.0.1:${port}/cdn`;
    const handler = createCdnRequestHandler({
      verifier: new SignedUrlVerifier({ baseUrl, publicKeys: new Map([["KOURS", ours.publicKey]]), clock }),
      objects: (key, range) => running.openObject(BUCKET, key, range),
      clock,
    });
    server.on("request", (req, res) => {
      if (req.url?.startsWith(CDN_PATH_PREFIX)) void handler(req, res);
      else res.writeHead(404).end();
    });
    const signer = (privateKey: KeyObject, keyPairId = "KOURS") =>
      new CloudFrontDeliveryUrls({ baseUrl, keyPairId, privateKey, clock });
    const openServer = server;
    return {
      baseUrl,
      clock,
      urls: signer(ours.privateKey),
      foreignUrls: signer(foreign.privateKey, "KOURS"),
      unknownKeyUrls: signer(foreign.privateKey, "KOTHER"),
      ourPrivateKey: ours.privateKey,
      put: (key: string, body: Buffer, contentType = "image/webp") =>
        writer.write(key, body, { contentType, contentLength: body.length }),
      async close() {
        writer.close();
        await new Promise<void>((resolve) => {
          openServer.close(() => resolve());
          openServer.closeAllConnections();
        });
        await running.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    server?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function rsaKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync("rsa", { modulusLength: 2048 });
}
