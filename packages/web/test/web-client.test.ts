import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../server/src/http/app-env.js";
import { mountWebClient } from "../../server/src/http/web-client.js";

/** The host's mounting of the built client, on a bare Hono app with a small fake `dist`. */
describe("mountWebClient", () => {
  const parent = mkdtempSync(join(tmpdir(), "shoebox-web-dist-"));
  const dist = join(parent, "dist");
  const app = new OpenAPIHono<AppEnv>();

  before(() => {
    mkdirSync(join(dist, "assets"), { recursive: true });
    writeFileSync(join(parent, "secret.txt"), "top secret");
    writeFileSync(join(dist, "index.html"), "<!doctype html><div id=root></div>");
    writeFileSync(join(dist, "assets", "index-AbC123.js"), "console.log('app')");
    writeFileSync(join(dist, "robots.txt"), "User-agent: *");
    app.get("/api/me", (c) => c.json({ userId: "u1" }));
    app.get("/s/:token", (c) => c.html("share page"));
    assert.equal(mountWebClient(app, { distDir: dist }), true);
    app.notFound((c) => c.json({ error: { code: "NOT_FOUND", message: "none" } }, 404));
  });
  after(() => rmSync(parent, { recursive: true, force: true }));

  it("serves hashed assets with a one-year immutable cache", async () => {
    const res = await app.request("/assets/index-AbC123.js");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "public, max-age=31536000, immutable");
    assert.match(res.headers.get("content-type") ?? "", /^text\/javascript/);
    assert.equal(await res.text(), "console.log('app')");
  });

  it("serves index.html with no-cache and answers 304 to its ETag", async () => {
    const res = await app.request("/");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "no-cache");
    assert.match(await res.text(), /id=root/);
    const again = await app.request("/", { headers: { "If-None-Match": res.headers.get("etag") ?? "" } });
    assert.equal(again.status, 304);
  });

  it("answers client routes with index.html", async () => {
    for (const path of ["/events/e1", "/events/e1/people", "/join/K7PQ-M2XD", "/g/tok_123"]) {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      assert.match(await res.text(), /id=root/, path);
    }
  });

  it("never answers /api, /cdn or /s with the client", async () => {
    assert.deepEqual(await (await app.request("/api/me")).json(), { userId: "u1" });
    assert.equal((await app.request("/api/nothing")).status, 404);
    assert.equal((await app.request("/cdn/photo.webp")).status, 404);
    assert.equal(await (await app.request("/s/abc")).text(), "share page");
    assert.equal((await app.request("/api")).status, 404);
  });

  it("answers 404, not the app, for a missing asset or file", async () => {
    assert.equal((await app.request("/assets/index-Old999.js")).status, 404);
    assert.equal((await app.request("/favicon.ico")).status, 404);
    assert.equal((await app.request("/robots.txt")).status, 200);
  });

  it("refuses paths that climb out of dist", async () => {
    for (const path of ["/..%2fsecret.txt", "/assets/..%2f..%2fsecret.txt", "/%2e%2e/secret.txt", "/%00"]) {
      const res = await app.request(path);
      assert.doesNotMatch(await res.text(), /top secret/, path);
    }
  });

  it("mounts nothing when the client has not been built", () => {
    const bare = new OpenAPIHono<AppEnv>();
    assert.equal(mountWebClient(bare, { distDir: join(dist, "missing") }), false);
  });
});
