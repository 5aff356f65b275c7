import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createAppHarness } from "../../test/support/app-harness.js";
import { mountWebClient } from "./web-client.js";

const STORE_ORIGIN = "http://127.0.0.1:9000";

/** `directive` → its sources, from a CSP header value. */
function directives(csp: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources);
  }
  return map;
}

describe("HTTP app: security headers on the web client, the API and the share pages", () => {
  const dist = mkdtempSync(join(tmpdir(), "shoebox-web-dist-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(
    join(dist, "index.html"),
    '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>',
  );
  writeFileSync(join(dist, "assets", "app.js"), "console.log(1)");
  after(() => rmSync(dist, { recursive: true, force: true }));

  const harness = () => {
    const h = createAppHarness({ webAppOrigins: { uploadOrigins: [STORE_ORIGIN] } });
    mountWebClient(h.app, { distDir: dist });
    return h;
  };

  it("serves the app with a strict CSP: scripts and styles from itself only, uploads to the store, never framed", async () => {
    const res = await harness().app.request("/events/e1");
    assert.equal(res.status, 200);
    const csp = directives(res.headers.get("content-security-policy"));
    assert.deepEqual(csp.get("script-src"), ["'self'"]);
    assert.deepEqual(csp.get("style-src"), ["'self'"]);
    assert.deepEqual(csp.get("object-src"), ["'none'"]);
    assert.deepEqual(csp.get("base-uri"), ["'none'"]);
    assert.deepEqual(csp.get("frame-ancestors"), ["'none'"]);
    assert.ok(csp.get("connect-src")?.includes(STORE_ORIGIN), "uploads reach the S3 endpoint");
    assert.ok(csp.get("form-action")?.includes(STORE_ORIGIN));
    assert.ok(csp.get("img-src")?.includes("'self'"), "signed /cdn URLs are same-origin");
    assert.ok(csp.get("img-src")?.includes("data:"), "BlurHash placeholders are data: URLs");
    for (const sources of csp.values()) assert.equal(sources.includes("'unsafe-inline'"), false);
    assert.equal(res.headers.get("x-frame-options"), "DENY");
    assert.equal(res.headers.get("referrer-policy"), "no-referrer");
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.match(res.headers.get("permissions-policy") ?? "", /camera=\(\)/);
    assert.match(res.headers.get("permissions-policy") ?? "", /geolocation=\(\)/);
  });

  it("sends the same headers on API answers, errors included", async () => {
    const h = harness();
    for (const res of [await h.app.request("/api/openapi.json"), await h.app.request("/api/nowhere")]) {
      assert.equal(res.headers.get("x-frame-options"), "DENY");
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      assert.equal(res.headers.get("referrer-policy"), "no-referrer");
      assert.ok(res.headers.get("content-security-policy"));
    }
  });

  it("keeps the share page's own, stricter CSP, whose style hash allows exactly its one <style>", async () => {
    const res = await harness().app.request("/s/no-such-token");
    assert.equal(res.status, 404);
    const html = await res.text();
    const csp = directives(res.headers.get("content-security-policy"));
    assert.deepEqual(csp.get("default-src"), ["'none'"]);
    assert.equal(csp.has("script-src"), false, "no script source at all: default-src 'none' applies");
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    const hash = `'sha256-${createHash("sha256").update(style).digest("base64")}'`;
    assert.deepEqual(csp.get("style-src"), [hash]);
    assert.equal(/\sstyle=/i.test(html), false, "no style attributes, which a hash does not allow");
    assert.equal(res.headers.get("x-frame-options"), "DENY");
    assert.equal(res.headers.get("referrer-policy"), "no-referrer");
  });
});
