import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { createAppHarness, HARNESS_PASSWORD_ATTEMPTS, PUBLIC_URL } from "../../test/support/app-harness.js";
import { processedFields } from "../../test/support/fixtures.js";

/** What a public page or JSON must never contain: people and places. */
const PRIVATE_MARKERS = [
  "user-bob",
  "user-alice",
  "bob@example.com",
  "alice@example.com",
  "52.52",
  "13.40",
  "latitude",
];

describe("HTTP app: sharing", () => {
  let h: ReturnType<typeof createAppHarness>;
  let eventId: string;

  beforeEach(async () => {
    h = createAppHarness();
    eventId = (await h.eventWith("alice", ["bob", "carol"])).id;
  });

  /** A photo uploaded by `owner` to the event and processed: ready, with variants and GPS. */
  async function readyPhoto(owner: string, title = "Cake"): Promise<string> {
    const res = await h.call("POST", `/api/photos?eventId=${eventId}&title=${title}`, {
      as: owner,
      body: new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]),
      headers: { "content-type": "image/jpeg" },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    await h.photoRepository.transition(res.body.id, ["pending"], {
      ...processedFields(res.body.id),
      status: "ready",
    });
    return res.body.id;
  }

  describe("POST /api/photos/{photoId}/share", () => {
    it("answers the owner with a URL to the web variant and its expiry, 24 hours by default", async () => {
      const photoId = await readyPhoto("bob");
      const res = await h.call("POST", `/api/photos/${photoId}/share`, { as: "bob" });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.match(res.body.url, new RegExp(`variants/${photoId}/web\\.webp`));
      assert.equal(Date.parse(res.body.expiresAt) - h.clock.now().getTime(), 86_400_000);
      const hour = await h.call("POST", `/api/photos/${photoId}/share`, {
        as: "alice",
        json: { expiresInSeconds: 3600 },
      });
      assert.equal(hour.status, 200, "the organizer may share it too");
    });

    it("refuses another attendee (403), hides the photo from outsiders (404) and caps the lifetime at 7 days", async () => {
      const photoId = await readyPhoto("bob");
      assert.equal((await h.call("POST", `/api/photos/${photoId}/share`, { as: "carol" })).status, 403);
      assert.equal((await h.call("POST", `/api/photos/${photoId}/share`, { as: "dave" })).status, 404);
      assert.equal((await h.call("POST", "/api/photos/nope/share", { as: "bob" })).status, 404);
      const tooLong = await h.call("POST", `/api/photos/${photoId}/share`, {
        as: "bob",
        json: { expiresInSeconds: 8 * 86_400 },
      });
      assert.equal(tooLong.status, 400);
      assert.equal((await h.call("POST", `/api/photos/${photoId}/share`)).status, 401);
    });
  });

  describe("share links", () => {
    it("creates a link with a token URL, lists it, and revokes it: page and JSON then answer 410", async () => {
      const photoId = await readyPhoto("bob");
      const created = await h.call("POST", "/api/shares", {
        as: "bob",
        json: { photoId, allowDownload: true },
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const { id, token, url } = created.body;
      assert.equal(url, `${PUBLIC_URL}/s/${token}`);
      assert.match(token, /^[A-Za-z0-9_-]{43}$/);
      assert.equal((await h.call("GET", `/api/public/shares/${token}`)).status, 200);
      assert.equal((await h.app.request(`/s/${token}`)).status, 200);

      const listed = await h.call("GET", "/api/shares", { as: "bob" });
      assert.deepEqual(
        listed.body.items.map((link: any) => [link.id, link.status, link.kind, link.photoId]),
        [[id, "active", "photo", photoId]],
      );
      assert.equal(JSON.stringify(listed.body).includes(token), false, "the token is shown once only");
      assert.equal((await h.call("DELETE", `/api/shares/${id}`, { as: "alice" })).status, 404);
      assert.equal((await h.call("DELETE", `/api/shares/${id}`, { as: "bob" })).status, 204);

      const json = await h.call("GET", `/api/public/shares/${token}`);
      assert.equal(json.status, 410);
      assert.equal(json.body.error.code, "LINK_GONE");
      const pageRes = await h.app.request(`/s/${token}`);
      assert.equal(pageRes.status, 410);
      assert.match(await pageRes.text(), /no longer available/);
      assert.equal((await h.call("GET", "/api/shares", { as: "bob" })).body.items[0].status, "revoked");
    });

    it("refuses a non-owner's photo link (403) and an attendee's event link (403)", async () => {
      const photoId = await readyPhoto("bob");
      assert.equal((await h.call("POST", "/api/shares", { as: "carol", json: { photoId } })).status, 403);
      assert.equal((await h.call("POST", "/api/shares", { as: "bob", json: { eventId } })).status, 403);
      assert.equal((await h.call("POST", "/api/shares", { as: "dave", json: { eventId } })).status, 404);
      assert.equal((await h.call("POST", "/api/shares", { as: "alice", json: {} })).status, 400);
    });

    it("shows an event's ready photos on the page and in JSON, without emails, user ids or GPS", async () => {
      await readyPhoto("bob", "First");
      await readyPhoto("carol", "Second");
      const { token } = (
        await h.call("POST", "/api/shares", { as: "alice", json: { eventId, allowDownload: true } })
      ).body;
      const json = await h.call("GET", `/api/public/shares/${token}`);
      assert.equal(json.status, 200);
      assert.equal(json.body.title, "alice's party");
      assert.deepEqual(
        json.body.photos.map((p: any) => p.title),
        ["Second", "First"],
      );
      assert.ok(json.body.photos.every((p: any) => p.urls.thumb && p.urls.web && p.urls.download));
      const res = await h.app.request(`/s/${token}`);
      const html = await res.text();
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-security-policy") ?? "", /default-src 'none'/);
      assert.equal(res.headers.get("referrer-policy"), "no-referrer");
      assert.match(html, /<title>alice&#39;s party<\/title>/);
      assert.match(html, /Download/);
      for (const marker of PRIVATE_MARKERS) {
        assert.equal(JSON.stringify(json.body).includes(marker), false, `JSON reveals ${marker}`);
        assert.equal(html.includes(marker), false, `HTML reveals ${marker}`);
      }
      assert.equal(/<script/i.test(html), false, "the share page needs no scripts");
    });

    it("escapes what users typed on the page", async () => {
      const photoId = await readyPhoto("bob", encodeURIComponent('<img src=x onerror="alert(1)">'));
      const { token } = (await h.call("POST", "/api/shares", { as: "bob", json: { photoId } })).body;
      const html = await (await h.app.request(`/s/${token}`)).text();
      assert.equal(html.includes("<img src=x"), false);
      assert.match(html, /&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;/);
    });

    it("answers 404 for an unknown token on the page and in JSON", async () => {
      assert.equal((await h.call("GET", "/api/public/shares/no-such-token")).status, 404);
      assert.equal((await h.app.request("/s/no-such-token")).status, 404);
    });
  });

  describe("password-protected links", () => {
    async function lockedLink() {
      const photoId = await readyPhoto("bob");
      return (await h.call("POST", "/api/shares", { as: "bob", json: { photoId, password: "open sesame" } }))
        .body.token as string;
    }

    it("needs the password: the JSON answers 401 until unlocked, then accepts the access token", async () => {
      const token = await lockedLink();
      const locked = await h.call("GET", `/api/public/shares/${token}`);
      assert.equal(locked.status, 401);
      assert.equal(locked.body.error.code, "PASSWORD_REQUIRED");
      const wrong = await h.call("POST", `/api/public/shares/${token}/unlock`, {
        json: { password: "sesame" },
      });
      assert.equal(wrong.status, 401);
      const right = await h.call("POST", `/api/public/shares/${token}/unlock`, {
        json: { password: "open sesame" },
      });
      assert.equal(right.status, 200);
      const open = await h.call("GET", `/api/public/shares/${token}`, {
        headers: { "x-share-access": right.body.accessToken },
      });
      assert.equal(open.status, 200);
    });

    it("starts answering 429 with Retry-After after the limit of wrong passwords from one address", async () => {
      const token = await lockedLink();
      const attempt = (password: string) =>
        h.call("POST", `/api/public/shares/${token}/unlock`, {
          json: { password },
          headers: { "x-test-client": "198.51.100.9" },
        });
      for (let i = 0; i < HARNESS_PASSWORD_ATTEMPTS; i++)
        assert.equal((await attempt(`guess-${i}`)).status, 401);
      const limited = await attempt("open sesame");
      assert.equal(limited.status, 429);
      assert.equal(limited.body.error.code, "RATE_LIMITED");
      assert.equal(limited.headers.get("retry-after"), "60");
    });

    it("asks for the password on the page, sets a cookie for this link only, and shows the photo", async () => {
      const token = await lockedLink();
      const form = await h.app.request(`/s/${token}`);
      assert.equal(form.status, 401);
      assert.match(await form.text(), /<form method="post"/);
      const post = (password: string) =>
        h.app.request(`/s/${token}`, {
          method: "POST",
          body: new URLSearchParams({ password }),
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
      const wrong = await post("nope nope");
      assert.equal(wrong.status, 401);
      assert.match(await wrong.text(), /not correct/);
      const right = await post("open sesame");
      assert.equal(right.status, 303);
      const cookie = right.headers.get("set-cookie") ?? "";
      assert.match(cookie, new RegExp(`Path=/s/${token}`));
      assert.match(cookie, /HttpOnly/);
      const shown = await h.app.request(`/s/${token}`, { headers: { cookie: cookie.split(";")[0]! } });
      assert.equal(shown.status, 200);
      assert.match(await shown.text(), /variants\//);
    });

    it("answers 429 on the page too once the attempts are spent", async () => {
      const token = await lockedLink();
      const post = () =>
        h.app.request(`/s/${token}`, {
          method: "POST",
          body: new URLSearchParams({ password: "wrong!" }),
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
      for (let i = 0; i < HARNESS_PASSWORD_ATTEMPTS; i++) assert.equal((await post()).status, 401);
      const limited = await post();
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get("retry-after")) > 0);
    });
  });
});
