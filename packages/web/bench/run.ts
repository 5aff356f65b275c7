// The web client's benchmark: (1) the production bundle's JS gzip size against the 200 KB app-shell
// budget, (2) time to first gallery paint with 200 photos in the event, against a static page of 200 <img>
// tags with the same thumbnail URLs, measured in the same headless Chromium run. Reported as figures and a
// ratio; nothing here asserts a time.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import sharp from "sharp";
import { ApiClient, signUpAndConfirm, uploadWithTicket } from "../../server/test/support/api-client.js";
import { launchChromium } from "../test/browser/support/browser.js";
import { startWebHost } from "../test/browser/support/web-host.js";

const PHOTOS = 200;
const RUNS = 5;
const BUDGET_KB = 200;
const dist = fileURLToPath(new URL("../dist/", import.meta.url));

/** Gzip size of every script `index.html` loads up front (entry and module preloads): the app shell. */
function appShellGzipBytes(): { files: string[]; bytes: number; cssBytes: number } {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const styles = [...html.matchAll(/href="\/(assets\/[^"]+\.css)"/g)].map((m) => m[1]!);
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
  return {
    files: scripts,
    bytes: scripts.reduce((sum, file) => sum + gz(file), 0),
    cssBytes: styles.reduce((sum, file) => sum + gz(file), 0),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const baselineHtml = (urls: string[]) =>
  `<!doctype html><meta name=viewport content="width=device-width"><style>body{margin:0;display:grid;` +
  `grid-template-columns:repeat(auto-fill,minmax(176px,1fr));gap:8px}img{width:100%;aspect-ratio:1;object-fit:cover}` +
  `</style>${urls.map((url) => `<img src="${url.replaceAll("&", "&amp;")}" alt="">`).join("")}`;

let baselineUrls: string[] = [];
const { url, harness } = await startWebHost({}, (app) =>
  app.get("/bench-baseline", (c) => c.html(baselineHtml(baselineUrls))),
);
try {
  const shell = appShellGzipBytes();
  console.log(
    `bundle: app shell JS ${(shell.bytes / 1024).toFixed(1)} KB gzip (${shell.files.join(", ")}), ` +
      `${((shell.bytes / 1024 / BUDGET_KB) * 100).toFixed(0)}% of the ${BUDGET_KB} KB budget; CSS ${(shell.cssBytes / 1024).toFixed(1)} KB gzip`,
  );

  const email = `bench-${Date.now()}@example.test`;
  const tokens = await signUpAndConfirm(url, harness.mailbox, {
    email,
    password: "correct horse battery",
    name: "Bench",
  });
  const api = new ApiClient(url, tokens.idToken);
  const event = (await api.call("POST", "/api/events", { name: "Bench party" })).body as { id: string };

  const started = Date.now();
  const ids: string[] = [];
  for (let batch = 0; batch < PHOTOS; batch += 10) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const n = batch + i;
        const jpeg = await sharp({
          create: {
            width: 640,
            height: 480,
            channels: 3,
            background: { r: n % 256, g: (n * 7) % 256, b: (n * 13) % 256 },
          },
        })
          .jpeg({ quality: 80 })
          .toBuffer();
        const ticket = await api.call("POST", `/api/events/${event.id}/photos/initiate-upload`, {
          filename: `p${n}.jpg`,
          contentType: "image/jpeg",
          size: jpeg.length,
        });
        await uploadWithTicket(ticket.body, jpeg, "image/jpeg");
        ids.push(ticket.body.photoId);
      }),
    );
  }
  for (const id of ids) await api.waitForPhoto(id, 120_000);
  console.log(
    `setup: ${PHOTOS} photos uploaded and processed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  const page1 = (await api.call("GET", `/api/events/${event.id}/photos?limit=100`)).body;
  const page2 = (
    await api.call(
      "GET",
      `/api/events/${event.id}/photos?limit=100&cursor=${encodeURIComponent(page1.nextCursor)}`,
    )
  ).body;
  baselineUrls = [...page1.items, ...page2.items].map((p: { urls: { thumb: string } }) => p.urls.thumb);

  const session = {
    idToken: tokens.idToken,
    refreshToken: tokens.refreshToken,
    issuedAt: Date.now(),
    expiresAt: Date.now() + tokens.expiresIn * 1000,
    user: { userId: "bench", email, name: "Bench" },
  };
  const browser = await launchChromium();
  /** Time from navigation start until the first 18 thumbnails (three rows at 1440 px) have loaded, in ms. */
  const timeToFirstPaint = async (path: string, selector: string): Promise<number> => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(
      (value) => window.localStorage.setItem("shoebox.session", value),
      JSON.stringify(session),
    );
    const page = await context.newPage();
    await page.goto(`${url}${path}`, { waitUntil: "commit" });
    const handle = await page.waitForFunction(
      ([sel, FIRST_TILES]) => {
        const first = [...document.querySelectorAll(sel)].slice(0, FIRST_TILES);
        return first.length === FIRST_TILES &&
          first.every((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)
          ? performance.now()
          : false;
      },
      [selector, 18] as const,
      { polling: "raf", timeout: 60_000 },
    );
    const ms = Number(await handle.jsonValue());
    await context.close();
    return ms;
  };
  const app: number[] = [];
  const baseline: number[] = [];
  await timeToFirstPaint(`/events/${event.id}`, ".grid img"); // warm the host's caches once
  for (let run = 0; run < RUNS; run += 1) {
    baseline.push(await timeToFirstPaint("/bench-baseline", "img"));
    app.push(await timeToFirstPaint(`/events/${event.id}`, ".grid img"));
  }
  await browser.close();
  const ratio = median(app) / median(baseline);
  console.log(
    `first gallery paint (${PHOTOS} photos, 1440×900, median of ${RUNS}): app ${median(app).toFixed(0)} ms, ` +
      `static <img> page ${median(baseline).toFixed(0)} ms → ratio ${ratio.toFixed(2)}×`,
  );
} finally {
  await harness.stop();
}
