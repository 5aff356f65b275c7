import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { GetObjectCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { createPresignedPost, type PresignedPostOptions } from "@aws-sdk/s3-presigned-post";
import { errorCode } from "./support/raw-request.js";
import { BUCKET, listFiles, type StoreFixture, startFixture } from "./support/store-fixture.js";

let f: StoreFixture;
let presigner: S3Client;
before(async () => {
  f = await startFixture();
  presigner = f.makeClient({ requestChecksumCalculation: "WHEN_REQUIRED" });
});
after(() => f.close());

// biome-ignore lint/suspicious/noTemplateCurlyInString: S3's literal POST key placeholder
const FILENAME = "${filename}";

type Conditions = NonNullable<PresignedPostOptions["Conditions"]>;

async function ticket(
  key: string,
  conditions: Conditions = [],
  fields: Record<string, string> = {},
  expires = 300,
) {
  return createPresignedPost(presigner, {
    Bucket: BUCKET,
    Key: key,
    Conditions: [["content-length-range", 1, 1_000_000], ...conditions],
    Fields: fields,
    Expires: expires,
  });
}

/** Posts a form like a browser: the ticket's fields (with `edit` applied), then the file, then `after`. */
async function postForm(
  post: { url: string; fields: Record<string, string> },
  file: Buffer,
  options: {
    filename?: string;
    edit?: (fields: Record<string, string>) => void;
    after?: Record<string, string>;
  } = {},
) {
  const fields = { ...post.fields };
  options.edit?.(fields);
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", new Blob([file]), options.filename ?? "photo.jpg");
  for (const [name, value] of Object.entries(options.after ?? {})) form.append(name, value);
  const response = await fetch(post.url, { method: "POST", body: form });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

async function exists(key: string): Promise<boolean> {
  return f.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })).then(
    () => true,
    () => false,
  );
}

describe("browser POST uploads", () => {
  it("stores the file with the fields' content type and metadata and answers 204 with the ETag", async () => {
    const file = randomBytes(10_000);
    const post = await ticket("post/ok.jpg", [], {
      "Content-Type": "image/jpeg",
      "x-amz-meta-title": "café ☕",
    });
    const response = await postForm(post, file);
    assert.equal(response.status, 204, response.body);
    assert.equal(response.headers.get("etag"), `"${createHash("md5").update(file).digest("hex")}"`);
    const stored = await f.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: "post/ok.jpg" }));
    assert.equal(stored.ContentType, "image/jpeg");
    assert.equal(stored.Metadata?.title, `=?UTF-8?B?${Buffer.from("café ☕").toString("base64")}?=`);
    assert.ok(Buffer.from(await stored.Body!.transformToByteArray()).equals(file));
  });

  it("answers success_action_status 201 with a PostResponse document", async () => {
    const post = await ticket("post/created.jpg", [], { success_action_status: "201" });
    const response = await postForm(post, Buffer.from("x"));
    assert.equal(response.status, 201);
    assert.match(
      response.body,
      /<PostResponse>.*<Bucket>photos<\/Bucket><Key>post\/created.jpg<\/Key><ETag>/s,
    );
  });

  it("replaces the filename placeholder in the key with the uploaded file's name", async () => {
    const post = await ticket(`post/by-name/${FILENAME}`, [["starts-with", "$key", "post/by-name/"]]);
    const response = await postForm(post, Buffer.from("named"), { filename: "cat.jpg" });
    assert.equal(response.status, 204, response.body);
    assert.ok(await exists("post/by-name/cat.jpg"));
  });

  it("ignores fields after the file, as S3 does", async () => {
    const post = await ticket("post/after.jpg");
    const response = await postForm(post, Buffer.from("x"), { after: { "x-amz-meta-late": "ignored" } });
    assert.equal(response.status, 204, response.body);
    const head = await f.client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "post/after.jpg" }));
    assert.equal(head.Metadata?.late, undefined);
  });

  it("refuses a tampered policy with SignatureDoesNotMatch", async () => {
    const post = await ticket("post/tampered.jpg");
    const response = await postForm(post, Buffer.from("x"), {
      edit: (fields) => {
        const policy = JSON.parse(Buffer.from(fields.Policy!, "base64").toString());
        policy.conditions = policy.conditions.map((c: unknown) =>
          Array.isArray(c) && c[0] === "content-length-range" ? ["content-length-range", 0, 10 ** 12] : c,
        );
        fields.Policy = Buffer.from(JSON.stringify(policy)).toString("base64");
      },
    });
    assert.equal(response.status, 403);
    assert.equal(errorCode(response.body), "SignatureDoesNotMatch");
  });

  it("refuses an expired policy", async () => {
    const post = await ticket("post/expired.jpg", [], {}, -60);
    const response = await postForm(post, Buffer.from("x"));
    assert.equal(response.status, 403);
    assert.match(response.body, /expired/i);
    assert.equal(await exists("post/expired.jpg"), false);
  });

  it("refuses a form missing the signature field", async () => {
    const post = await ticket("post/unsigned.jpg");
    const response = await postForm(post, Buffer.from("x"), {
      edit: (fields) => delete fields["X-Amz-Signature"],
    });
    assert.equal(response.status, 400);
    assert.equal(errorCode(response.body), "InvalidArgument");
  });

  it("refuses a field the policy does not cover", async () => {
    const post = await ticket("post/extra.jpg");
    const response = await postForm(post, Buffer.from("x"), {
      edit: (fields) => (fields["x-amz-meta-extra"] = "1"),
    });
    assert.equal(response.status, 403);
    assert.match(response.body, /Extra input fields/);
  });

  it("enforces an exact-match condition", async () => {
    const post = await ticket("post/eq.jpg", [["eq", "$Content-Type", "image/jpeg"]], {
      "Content-Type": "image/jpeg",
    });
    const response = await postForm(post, Buffer.from("x"), {
      edit: (fields) => (fields["Content-Type"] = "text/html"),
    });
    assert.equal(response.status, 403);
    assert.match(response.body, /Policy Condition failed/);
  });

  it("enforces a starts-with condition on the key", async () => {
    const post = await ticket(`post/prefixed/${FILENAME}`, [["starts-with", "$key", "post/prefixed/"]]);
    const response = await postForm(post, Buffer.from("x"), {
      edit: (fields) => (fields.key = "elsewhere/x.jpg"),
    });
    assert.equal(response.status, 403);
    assert.equal(await exists("elsewhere/x.jpg"), false);
  });

  it("refuses a file above the content-length-range while streaming and stores nothing", async () => {
    const post = await createPresignedPost(presigner, {
      Bucket: BUCKET,
      Key: "post/too-big.bin",
      Conditions: [["content-length-range", 1, 100_000]],
    });
    const response = await postForm(post, randomBytes(3_000_000));
    assert.equal(response.status, 400);
    assert.equal(errorCode(response.body), "EntityTooLarge");
    assert.equal(await exists("post/too-big.bin"), false);
    assert.deepEqual(listFiles(`${f.dataDir}/tmp`), [], "the temp file is removed");
  });

  it("refuses a file below the content-length-range", async () => {
    const post = await createPresignedPost(presigner, {
      Bucket: BUCKET,
      Key: "post/too-small.bin",
      Conditions: [["content-length-range", 100, 1000]],
    });
    const response = await postForm(post, Buffer.from("tiny"));
    assert.equal(response.status, 400);
    assert.equal(errorCode(response.body), "EntityTooSmall");
    assert.equal(await exists("post/too-small.bin"), false);
  });

  it("refuses a form without a file", async () => {
    const post = await ticket("post/nofile.jpg");
    const form = new FormData();
    for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
    const response = await fetch(post.url, { method: "POST", body: form });
    assert.equal(response.status, 400);
    assert.equal(errorCode(await response.text()), "InvalidArgument");
  });
});
