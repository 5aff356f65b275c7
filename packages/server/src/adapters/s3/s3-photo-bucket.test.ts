import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { type RunningObjectStore, startObjectStore } from "@shoebox/object-store";
import { S3PhotoBucket } from "./s3-photo-bucket.js";
import { UploadTicketSigner } from "./upload-ticket-signer.js";

const credentials = { accessKeyId: "AKIDSHOEBOXTEST", secretAccessKey: "test-secret-key-for-the-adapter" };
const bucket = "photos";

/** The S3 adapter against the embedded S3 endpoint, which verifies every signature exactly as S3 does. */
describe(S3PhotoBucket.name, () => {
  let dir: string;
  let endpoint: RunningObjectStore;
  let store: S3PhotoBucket;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "shoebox-s3-adapter-"));
    endpoint = await startObjectStore({
      dataDir: dir,
      port: 0,
      credentials: [credentials],
      buckets: [{ name: bucket }],
    });
    store = new S3PhotoBucket({
      bucket,
      region: "us-east-1",
      endpoint: endpoint.endpoint,
      forcePathStyle: true,
      credentials,
    });
  });
  after(async () => {
    store.close();
    await endpoint.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ticketRequest = (method: "POST" | "PUT", key: string, size: number) => ({
    method,
    key,
    contentType: "image/jpeg",
    maxBytes: size,
    exactBytes: size,
    metadata: { "photo-id": "p1", "owner-id": "u1" },
    cacheControl: "max-age=31536000, immutable",
    expiresInSeconds: 300,
  });

  it("writes, heads, reads (whole and a range) and deletes an object", async () => {
    const body = Buffer.from("0123456789abcdef");
    const { etag } = await store.write("a/b c.txt", body, {
      contentType: "text/plain",
      metadata: { kind: "test" },
    });
    const head = await store.head("a/b c.txt");
    assert.equal(head?.etag, etag);
    assert.equal(head?.size, 16);
    assert.equal(head?.contentType, "text/plain");
    assert.deepEqual(head?.metadata, { kind: "test" });
    assert.deepEqual(await readAll((await store.read("a/b c.txt"))!), body);
    assert.deepEqual(
      await readAll((await store.read("a/b c.txt", { start: 2, end: 5 }))!),
      Buffer.from("2345"),
    );
    await store.delete("a/b c.txt");
    assert.equal(await store.head("a/b c.txt"), undefined);
    assert.equal(await store.read("a/b c.txt"), undefined);
    await store.delete("a/b c.txt"); // deleting a missing key is not an error
  });

  it("writes create-only with ifNoneMatch and refuses the second write", async () => {
    await store.write("once", Buffer.from("1"), { contentType: "text/plain", ifNoneMatch: "*" });
    await assert.rejects(
      store.write("once", Buffer.from("2"), { contentType: "text/plain", ifNoneMatch: "*" }),
    );
  });

  it("issues a POST ticket the store accepts, storing the pinned type, cache control and metadata", async () => {
    const bytes = Buffer.from("fake jpeg bytes");
    const ticket = await store.createUploadTicket(ticketRequest("POST", "uploads/k 1.jpg", bytes.length));
    assert.equal(ticket.method, "POST");
    const res = await postForm(ticket.url, ticket.method === "POST" ? ticket.fields : {}, bytes);
    assert.equal(res.status, 204, await res.text());
    const head = await store.head("uploads/k 1.jpg");
    assert.equal(head?.contentType, "image/jpeg");
    assert.deepEqual(head?.metadata, { "photo-id": "p1", "owner-id": "u1" });
  });

  it("issues a POST ticket whose size limit the store enforces", async () => {
    const ticket = await store.createUploadTicket(ticketRequest("POST", "uploads/small.jpg", 4));
    const res = await postForm(
      ticket.url,
      ticket.method === "POST" ? ticket.fields : {},
      Buffer.from("12345"),
    );
    assert.equal(res.status, 400);
    assert.match(await res.text(), /EntityTooLarge/);
  });

  it("issues a PUT ticket bound to content type and length", async () => {
    const bytes = Buffer.from("exactly these bytes");
    const ticket = await store.createUploadTicket(ticketRequest("PUT", "uploads/put (1).jpg", bytes.length));
    assert.equal(ticket.method, "PUT");
    const headers = ticket.method === "PUT" ? ticket.headers : {};
    const wrongType = await fetch(ticket.url, {
      method: "PUT",
      headers: { ...headers, "Content-Type": "image/png" },
      body: bytes,
    });
    assert.equal(wrongType.status, 403);
    const wrongLength = await fetch(ticket.url, {
      method: "PUT",
      headers,
      body: Buffer.concat([bytes, bytes]),
    });
    assert.equal(wrongLength.status, 403);
    const ok = await fetch(ticket.url, { method: "PUT", headers, body: bytes });
    assert.equal(ok.status, 200, await ok.text());
    assert.deepEqual((await store.head("uploads/put (1).jpg"))?.metadata, {
      "photo-id": "p1",
      "owner-id": "u1",
    });
  });

  it("issues a PUT ticket that works once: it signs If-None-Match: *, so a replay gets 412 and changes nothing", async () => {
    const first = Buffer.from("the first upload");
    const ticket = await store.createUploadTicket(ticketRequest("PUT", "uploads/once.jpg", first.length));
    assert.equal(ticket.method, "PUT");
    const headers = ticket.method === "PUT" ? ticket.headers : {};
    assert.equal(headers["If-None-Match"], "*");
    assert.match(new URL(ticket.url).searchParams.get("X-Amz-SignedHeaders") ?? "", /if-none-match/);

    const { "If-None-Match": _, ...withoutCondition } = headers;
    const unconditional = await fetch(ticket.url, { method: "PUT", headers: withoutCondition, body: first });
    assert.equal(unconditional.status, 403, "the condition is signed: leaving it out breaks the signature");
    const ok = await fetch(ticket.url, { method: "PUT", headers, body: first });
    assert.equal(ok.status, 200, await ok.text());
    const replay = await fetch(ticket.url, { method: "PUT", headers, body: Buffer.from("a second body!!!") });
    assert.equal(replay.status, 412);
    assert.match(await replay.text(), /PreconditionFailed/);
    const kept = await store.read("uploads/once.jpg");
    assert.equal(Buffer.concat(await kept!.toArray()).toString(), "the first upload");
  });

  it("makes tickets that stop working once expired", async () => {
    const signer = new UploadTicketSigner({
      bucket,
      region: "us-east-1",
      endpoint: endpoint.endpoint,
      credentials,
    });
    const longAgo = new Date(Date.now() - 3600_000);
    const request = ticketRequest("PUT", "uploads/late.jpg", 3);
    const put = await signer.put(request, longAgo);
    const res = await fetch(put.url, { method: "PUT", headers: put.headers, body: "abc" });
    assert.equal(res.status, 403);
    assert.match(await res.text(), /expired/i);
    const post = await signer.post(ticketRequest("POST", "uploads/late.jpg", 3), longAgo);
    const posted = await postForm(post.url, post.fields, Buffer.from("abc"));
    assert.equal(posted.status, 403);
    assert.match(await posted.text(), /expired/i);
  });

  it("presigns reads that work without credentials", async () => {
    await store.write("public-ish.txt", Buffer.from("hello"), { contentType: "text/plain" });
    const url = await store.presignRead("public-ish.txt", 60);
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), "hello");
    assert.equal((await fetch(url.replace("public-ish", "other"))).status, 403);
  });
});

describe(UploadTicketSigner.name, () => {
  it("addresses the bucket virtual-hosted on AWS and carries a session token in POST fields and PUT URLs", async () => {
    const signer = new UploadTicketSigner({
      bucket: "shoebox-originals",
      region: "eu-west-1",
      credentials: { accessKeyId: "ASIATEMP", secretAccessKey: "s", sessionToken: "token/with+chars" },
    });
    const request = {
      method: "POST" as const,
      key: "uploads/event_e/p.jpg",
      contentType: "image/jpeg",
      maxBytes: 10,
      metadata: {},
      expiresInSeconds: 60,
    };
    const post = await signer.post(request);
    assert.equal(post.url, "https://shoebox-originals.s3.eu-west-1.amazonaws.com/");
    assert.equal(post.fields["X-Amz-Security-Token"], "token/with+chars");
    const policy = JSON.parse(Buffer.from(post.fields.Policy!, "base64").toString());
    assert.ok(
      policy.conditions.some((c: Record<string, string>) => c["X-Amz-Security-Token"] === "token/with+chars"),
    );
    const put = await signer.put({ ...request, method: "PUT" });
    assert.match(
      put.url,
      /^https:\/\/shoebox-originals\.s3\.eu-west-1\.amazonaws\.com\/uploads\/event_e\/p\.jpg\?/,
    );
    assert.equal(new URL(put.url).searchParams.get("X-Amz-Security-Token"), "token/with+chars");
  });
});

async function postForm(url: string, fields: Record<string, string>, bytes: Buffer): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", new Blob([bytes]), "upload.jpg");
  return fetch(url, { method: "POST", body: form });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
