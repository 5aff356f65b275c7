// The gallery with 10,000 photos in headless Chromium: how many DOM nodes the page holds (virtualized rows
// keep it bounded), and the frame rate of a scripted scroll through the timeline, measured with
// requestAnimationFrame, against the same scroll of a static page of the same height in the same run (what
// this Chromium manages at all here). Target: ≥ 50 fps. Reported as figures and a ratio; nothing asserts.
// The photos are written straight into the embedded host's SQLite (see seeded-event.ts), not uploaded.
import { launchChromium } from "../test/browser/support/browser.js";
import { seedEvent } from "../test/browser/support/seeded-event.js";
import { startWebHost } from "../test/browser/support/web-host.js";

const PHOTOS = 10_000;
const SCROLL_MS = 5_000;

/** Scrolls the window down at a steady speed for `ms`, counting frames; returns fps, longest frame, nodes. */
const scrollScript = (ms: number) => `(async () => {
  const maxScroll = document.documentElement.scrollHeight - innerHeight;
  const speed = Math.min(4, maxScroll / ${ms}); // px per ms: ~2,400 px/s, a brisk flick-scroll
  let frames = 0;
  let longest = 0;
  let maxNodes = 0;
  const start = performance.now();
  let last = start;
  await new Promise((resolve) => {
    const step = (now) => {
      frames += 1;
      longest = Math.max(longest, now - last);
      last = now;
      window.scrollTo(0, (now - start) * speed);
      if (frames % 10 === 0) maxNodes = Math.max(maxNodes, document.getElementsByTagName("*").length);
      if (now - start < ${ms}) requestAnimationFrame(step);
      else resolve();
    };
    requestAnimationFrame(step);
  });
  const seconds = (performance.now() - start) / 1000;
  return { fps: frames / seconds, longest, maxNodes, scrolled: scrollY };
})()`;

const day = 86_400_000;
const fields = Array.from({ length: PHOTOS }, (_, i) => ({
  // About 40 photos a day over 250 days, so the timeline has day headers throughout.
  takenAt: new Date(Date.parse("2026-01-01T00:00:00Z") + Math.floor(i / 40) * day + (i % 40) * 600_000),
  labels: [{ name: i % 3 === 0 ? "person" : "dog", confidence: 0.8 }],
}));

const { url, harness } = await startWebHost();
try {
  const started = Date.now();
  const seeded = await seedEvent({ url, harness }, fields);
  console.log(`setup: ${PHOTOS} photos seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  let baselineHeight = 0;
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await seeded.signIn(context);
    const page = await context.newPage();
    await page.goto(`${url}/events/${seeded.eventId}`);
    await page.locator(".gallery-row .tile").first().waitFor();
    // Load every page of the event (the gallery asks for the next as its end comes near).
    const loadStarted = Date.now();
    while (
      (await page.evaluate(`document.querySelector(".load-more, .gallery .loading") !== null`)) === true
    ) {
      await page.evaluate(`window.scrollTo(0, document.documentElement.scrollHeight)`);
      await page.waitForTimeout(50);
      if (Date.now() - loadStarted > 600_000) throw new Error("the gallery did not finish loading");
    }
    const loaded = await page.evaluate(`document.querySelector(".gallery-rows").style.height`);
    console.log(
      `gallery: all pages loaded in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s, list height ${loaded}`,
    );
    await page.evaluate("window.scrollTo(0, 0)");
    await page.waitForTimeout(500);
    const nodesAtTop = Number(await page.evaluate(`document.getElementsByTagName("*").length`));
    baselineHeight = Number(await page.evaluate("document.documentElement.scrollHeight"));
    const app = (await page.evaluate(scrollScript(SCROLL_MS))) as {
      fps: number;
      longest: number;
      maxNodes: number;
      scrolled: number;
    };

    const staticPage = await context.newPage();
    await staticPage.setContent(
      `<!doctype html><body style="margin:0"><div style="height:${baselineHeight}px;background:linear-gradient(#fff,#ccc)"></div>`,
    );
    const baseline = (await staticPage.evaluate(scrollScript(SCROLL_MS))) as typeof app;
    console.log(
      `DOM nodes with ${PHOTOS} photos loaded: ${nodesAtTop} at the top, at most ${app.maxNodes} while scrolling ` +
        `(${(app.maxNodes / PHOTOS).toFixed(3)} per photo)`,
    );
    console.log(
      `scroll of the timeline: ${app.fps.toFixed(1)} fps (longest frame ${app.longest.toFixed(1)} ms, scrolled ${Math.round(app.scrolled)} px); ` +
        `static page of the same height: ${baseline.fps.toFixed(1)} fps (longest ${baseline.longest.toFixed(1)} ms); ` +
        `ratio ${(app.fps / baseline.fps).toFixed(2)}; target ≥ 50 fps`,
    );
  } finally {
    await browser.close();
  }
} finally {
  await harness.stop();
}
