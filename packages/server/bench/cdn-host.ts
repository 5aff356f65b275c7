/**
 * The CDN benchmark's server process: the embedded store with one `thumb` variant, the signed `/cdn`
 * route in front of it, and — on the same server — a bare static handler serving the same bytes from a
 * file (`/static/thumb.webp`), the baseline. Prints one JSON line (the signed URL, the baseline URL, the
 * temp dir), then serves until killed.
 */
import { createReadStream, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startObjectStore } from "@shoebox/object-store";
import sharp from "sharp";
import { loadOrCreateCdnKeyPair } from "../src/adapters/cloudfront/cdn-key-store.js";
import { CloudFrontDeliveryUrls } from "../src/adapters/cloudfront/cloudfront-delivery-urls.js";
import { S3PhotoBucket } from "../src/adapters/s3/s3-photo-bucket.js";
import { createEmbeddedCdn } from "../src/composition/embedded-cdn.js";
import { systemClock } from "../src/ports/clock.js";

const dir = mkdtempSync(join(tmpdir(), "shoebox-cdn-bench-"));
const credentials = { accessKeyId: "AKIDCDNBENCH", secretAccessKey: "cdn-bench-secret" };
const store = await startObjectStore({
  dataDir: join(dir, "objects"),
  host: "127.0.0.1",
  port: 0,
  region: "us-east-1",
  credentials: [credentials],
  buckets: [{ name: "bench" }],
});
// A realistic thumbnail: 200 px WebP of a noisy image (~10 KB).
const thumb = await sharp(
  Buffer.from(Array.from({ length: 640 * 480 * 3 }, () => Math.floor(Math.random() * 256))),
  {
    raw: { width: 640, height: 480, channels: 3 },
  },
)
  .resize(200)
  .webp({ quality: 80 })
  .toBuffer();
const key = "variants/benchphoto/thumb.webp";
const writer = new S3PhotoBucket({
  bucket: "bench",
  region: "us-east-1",
  endpoint: store.endpoint,
  forcePathStyle: true,
  credentials,
});
await writer.write(key, thumb, { contentType: "image/webp", contentLength: thumb.length });
writer.close();
const file = join(dir, "thumb.webp");
writeFileSync(file, thumb);

const server = createServer();
const port = await new Promise<number>((resolve) =>
  server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
);
const url = `http://127.0.0.1:${port}`;
const cdn = await createEmbeddedCdn({ dataDir: dir, url, clock: systemClock, store, bucket: "bench" });
server.on("request", (req, res) => {
  if (cdn.handle(req, res)) return;
  if (req.url === "/static/thumb.webp") {
    // The baseline: what any static file server does for the same file.
    const { size, mtime } = statSync(file);
    res.writeHead(200, {
      "Content-Type": "image/webp",
      "Content-Length": size,
      "Last-Modified": mtime.toUTCString(),
      "Cache-Control": "public, max-age=300",
    });
    createReadStream(file).pipe(res);
    return;
  }
  res.writeHead(404).end();
});
const signedUrl = await cdn.deliveryUrls.signedUrl(key, 3600);
// More distinct URLs for the same thumbnail than the verifier remembers (10,000), each signed on its own
// (expiries one second apart): cycled through, every request is a signature never seen before.
const keys = await loadOrCreateCdnKeyPair(dir);
const everySecond = new CloudFrontDeliveryUrls({
  baseUrl: `${url}/cdn`,
  keyPairId: keys.keyPairId,
  privateKey: keys.privateKey,
  clock: systemClock,
  expiryGranularitySeconds: 1,
});
const freshPaths: string[] = [];
for (let i = 0; i < 12_000; i++) {
  const signed = new URL(await everySecond.signedUrl(key, 3600 + i));
  freshPaths.push(`${signed.pathname}${signed.search}`);
}
const freshPathsFile = join(dir, "fresh-paths.json");
writeFileSync(freshPathsFile, JSON.stringify(freshPaths));
console.log(
  JSON.stringify({
    signedUrl,
    freshPathsFile,
    staticUrl: `${url}/static/thumb.webp`,
    dir,
    bytes: thumb.length,
  }),
);
