import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { getSignedUrl } from "@aws-sdk/cloudfront-signer";
import { startCdnTestHost } from "../../../test/support/cdn-test-host.js";

const THUMB = "variants/p1/thumb.webp";
const WEB = "variants/p1/web.webp";

describe("the embedded /cdn route", () => {
  let host: Awaited<ReturnType<typeof startCdnTestHost>>;
  const thumbBytes = randomBytes(3000);
  const webBytes = randomBytes(5000);

  before(async () => {
    host = await startCdnTestHost();
    await host.put(THUMB, thumbBytes);
    await host.put(WEB, webBytes);
    await host.put("variants/p2/thumb.webp", randomBytes(10));
    await host.put("uploads/event_e1/p1.jpg", randomBytes(10), "image/jpeg");
  });
  after(() => host.close());

  const nowSeconds = () => Math.floor(host.clock.now().getTime() / 1000);

  async function expectDenied(url: string, message: RegExp) {
    const res = await fetch(url);
    assert.equal(res.status, 403, url);
    const body = await res.text();
    assert.match(body, /<Code>AccessDenied<\/Code>/);
    assert.match(body, message);
  }

  describe("canned policy", () => {
    it("serves a variant through a signed URL with its type, ETag and a private cache lifetime", async () => {
      const res = await fetch(await host.urls.signedUrl(THUMB, 300));
      assert.equal(res.status, 200);
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), thumbBytes);
      assert.equal(res.headers.get("content-type"), "image/webp");
      assert.match(res.headers.get("etag") ?? "", /^"[0-9a-f]{32}"$/);
      const maxAge = Number(/^private, max-age=(\d+)$/.exec(res.headers.get("cache-control") ?? "")?.[1]);
      assert.ok(maxAge >= 300 && maxAge <= 360, `max-age ${maxAge} is what the signature has left`);
      assert.equal(res.headers.get("content-disposition"), null);
    });

    it("refuses a URL whose signature was tampered with", async () => {
      const url = new URL(await host.urls.signedUrl(THUMB, 300));
      const signature = url.searchParams.get("Signature")!;
      url.searchParams.set("Signature", `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`);
      await expectDenied(url.toString(), /Invalid signature/);
    });

    it("refuses a URL whose expiry was moved later", async () => {
      const url = new URL(await host.urls.signedUrl(THUMB, 300));
      url.searchParams.set("Expires", String(Number(url.searchParams.get("Expires")) + 3600));
      await expectDenied(url.toString(), /Invalid signature/);
    });

    it("refuses an expired URL", async () => {
      const url = await host.urls.signedUrl(THUMB, 60);
      assert.equal((await fetch(url)).status, 200);
      host.clock.advance(3 * 60_000);
      try {
        await expectDenied(url, /expired/);
      } finally {
        host.clock.advance(-3 * 60_000);
      }
    });

    it("refuses a URL signed by another key, whether it claims our key-pair id or its own", async () => {
      await expectDenied(await host.foreignUrls.signedUrl(THUMB, 300), /Invalid signature/);
      await expectDenied(await host.unknownKeyUrls.signedUrl(THUMB, 300), /Unknown Key-Pair-Id/);
    });

    it("refuses a signature used for another object", async () => {
      const signed = new URL(await host.urls.signedUrl(THUMB, 300));
      await expectDenied(`${host.baseUrl}/${WEB}${signed.search}`, /Invalid signature/);
    });

    it("refuses unsigned and half-signed requests", async () => {
      await expectDenied(`${host.baseUrl}/${THUMB}`, /Missing/);
      const url = new URL(await host.urls.signedUrl(THUMB, 300));
      url.searchParams.delete("Key-Pair-Id");
      await expectDenied(url.toString(), /Missing/);
    });

    it("accepts SHA-256 signatures (Hash-Algorithm=SHA256)", async () => {
      const url = getSignedUrl({
        url: `${host.baseUrl}/${THUMB}`,
        keyPairId: "KOURS",
        privateKey: host.ourPrivateKey.export({ type: "pkcs8", format: "pem" }),
        dateLessThan: new Date((nowSeconds() + 60) * 1000),
        algorithm: "SHA256",
      });
      assert.match(url, /Hash-Algorithm=SHA256/);
      assert.equal((await fetch(url)).status, 200);
    });
  });

  describe("custom policy", () => {
    it("lets one wildcard policy open every variant of a photo and nothing else", async () => {
      const statement = { resource: `${host.baseUrl}/variants/p1/*`, dateLessThan: nowSeconds() + 300 };
      const thumb = host.urls.signedPolicyUrl(THUMB, statement);
      assert.match(thumb, /Policy=/);
      assert.equal((await fetch(thumb)).status, 200);
      const web = await fetch(host.urls.signedPolicyUrl(WEB, statement));
      assert.deepEqual(Buffer.from(await web.arrayBuffer()), webBytes);
      const query = new URL(thumb).search;
      await expectDenied(`${host.baseUrl}/variants/p2/thumb.webp${query}`, /does not match/);
    });

    it("refuses a policy whose resource names another object", async () => {
      const url = host.urls.signedPolicyUrl(THUMB, {
        resource: `${host.baseUrl}/variants/p2/thumb.webp`,
        dateLessThan: nowSeconds() + 300,
      });
      await expectDenied(url, /does not match/);
    });

    it("refuses before the start time and after the end, and serves in between", async () => {
      const url = host.urls.signedPolicyUrl(THUMB, {
        dateGreaterThan: nowSeconds() + 60,
        dateLessThan: nowSeconds() + 120,
      });
      await expectDenied(url, /not yet valid/);
      host.clock.advance(90_000);
      try {
        assert.equal((await fetch(url)).status, 200);
        host.clock.advance(60_000);
        await expectDenied(url, /expired/);
      } finally {
        host.clock.advance(-150_000);
      }
    });

    it("refuses a policy that was edited after signing", async () => {
      const url = new URL(host.urls.signedPolicyUrl(THUMB, { dateLessThan: nowSeconds() + 60 }));
      const widened = Buffer.from(
        JSON.stringify({
          Statement: [
            { Resource: `${host.baseUrl}/*`, Condition: { DateLessThan: { "AWS:EpochTime": 9e9 } } },
          ],
        }),
      )
        .toString("base64")
        .replace(/\+/g, "-")
        .replace(/=/g, "_")
        .replace(/\//g, "~");
      url.searchParams.set("Policy", widened);
      await expectDenied(url.toString(), /Invalid signature/);
    });

    it("checks the viewer's address when the policy names one", async () => {
      const allowed = host.urls.signedPolicyUrl(THUMB, {
        dateLessThan: nowSeconds() + 60,
        ipAddress: "127.0.0.0/8",
      });
      assert.equal((await fetch(allowed)).status, 200);
      const elsewhere = host.urls.signedPolicyUrl(THUMB, {
        dateLessThan: nowSeconds() + 60,
        ipAddress: "192.0.2.0/24",
      });
      await expectDenied(elsewhere, /address/);
    });
  });

  describe("what is served", () => {
    it("never serves keys outside variants/, even with a valid signature", async () => {
      const res = await fetch(await host.urls.signedUrl("uploads/event_e1/p1.jpg", 300));
      assert.equal(res.status, 404);
      assert.match(await res.text(), /NoSuchKey/);
      assert.equal((await fetch(await host.urls.signedUrl("variants/p9/thumb.webp", 300))).status, 404);
    });

    it("answers If-None-Match with 304 and no body", async () => {
      const url = await host.urls.signedUrl(THUMB, 300);
      const first = await fetch(url);
      await first.arrayBuffer();
      const again = await fetch(url, { headers: { "if-none-match": first.headers.get("etag")! } });
      assert.equal(again.status, 304);
      assert.equal((await again.arrayBuffer()).byteLength, 0);
      const changed = await fetch(url, { headers: { "if-none-match": '"other"' } });
      assert.equal(changed.status, 200);
      await changed.arrayBuffer();
    });

    it("serves byte ranges with 206, and 416 past the end", async () => {
      const url = await host.urls.signedUrl(WEB, 300);
      const part = await fetch(url, { headers: { range: "bytes=100-199" } });
      assert.equal(part.status, 206);
      assert.equal(part.headers.get("content-range"), `bytes 100-199/${webBytes.length}`);
      assert.deepEqual(Buffer.from(await part.arrayBuffer()), webBytes.subarray(100, 200));
      const tail = await fetch(url, { headers: { range: "bytes=-10" } });
      assert.deepEqual(Buffer.from(await tail.arrayBuffer()), webBytes.subarray(webBytes.length - 10));
      const past = await fetch(url, { headers: { range: `bytes=${webBytes.length}-` } });
      assert.equal(past.status, 416);
      assert.equal(past.headers.get("content-range"), `bytes */${webBytes.length}`);
    });

    it("answers HEAD with the headers only", async () => {
      const res = await fetch(await host.urls.signedUrl(THUMB, 300), { method: "HEAD" });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-length"), String(thumbBytes.length));
      assert.equal((await res.arrayBuffer()).byteLength, 0);
    });

    it("offers a download only when the signed URL asks for it, and the request cannot add it", async () => {
      const download = await fetch(await host.urls.signedUrl(WEB, 300, { download: true }));
      assert.equal(download.status, 200);
      assert.equal(download.headers.get("content-disposition"), 'attachment; filename="p1-web.webp"');
      await download.arrayBuffer();
      const plain = await host.urls.signedUrl(WEB, 300);
      await expectDenied(`${plain}&download=1`, /Invalid signature/);
    });

    it("refuses methods other than GET and HEAD", async () => {
      const res = await fetch(await host.urls.signedUrl(THUMB, 300), { method: "DELETE" });
      assert.equal(res.status, 405);
    });
  });
});
