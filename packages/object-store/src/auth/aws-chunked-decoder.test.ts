import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { after, before, describe, it } from "node:test";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { createChecksum } from "../checksums/index.js";
import { type AwsChunkedExpectation, authenticateRequest, createAwsChunkedDecoder } from "./index.js";
import { assertRejectsS3Error } from "./test-support/assertions.js";
import {
  authOptions,
  type CapturedRequest,
  clientFor,
  ENDPOINT_HOST,
  objectPath,
  sdkSigner,
  startCaptureServer,
  wireRequest,
} from "./test-support/sdk-signing.js";
import type { RequestToAuthenticate } from "./types.js";

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");
const EMPTY_SHA256 = sha256("");

/** Runs `pieces` through a decoder; resolves with the bytes it produced and its trailers. */
async function decode(
  expectation: AwsChunkedExpectation,
  pieces: readonly Buffer[],
  options?: { maxChunkBytes?: number },
): Promise<{ data: Buffer; trailers: Record<string, string> }> {
  const decoder = createAwsChunkedDecoder(expectation, options);
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(pieces),
    decoder,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        out.push(chunk);
        callback();
      },
    }),
  );
  return { data: Buffer.concat(out), trailers: await decoder.trailers };
}

function inPiecesOf(body: Buffer, size: number): Buffer[] {
  const pieces: Buffer[] = [];
  for (let at = 0; at < body.length; at += size) pieces.push(body.subarray(at, at + size));
  return pieces;
}

function asChunked(auth: ReturnType<typeof authenticateRequest>): AwsChunkedExpectation {
  assert.equal(auth.payload.kind, "aws-chunked");
  return auth.payload as AwsChunkedExpectation;
}

describe("createAwsChunkedDecoder with AWS's documented chunked upload example", () => {
  // "Example: PUT Object" of "Signature Calculations for the Authorization Header: Transferring
  // Payload in Multiple Chunks": 66560 bytes of 'a' in a 64 KiB and a 1 KiB chunk.
  const request: RequestToAuthenticate = {
    method: "PUT",
    rawPath: "/examplebucket/chunkObject.txt",
    rawQuery: "",
    headers: {
      host: "s3.amazonaws.com",
      "x-amz-date": "20130524T000000Z",
      "x-amz-storage-class": "REDUCED_REDUNDANCY",
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
      "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
      "content-encoding": "aws-chunked",
      "x-amz-decoded-content-length": "66560",
      "content-length": "66824",
    },
  };
  const options = {
    secretFor: (id: string) =>
      id === "AKIAIOSFODNN7EXAMPLE" ? "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" : undefined,
    region: "us-east-1",
    now: () => new Date("2013-05-24T00:00:00Z"),
  };
  const body = Buffer.concat([
    Buffer.from("10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n"),
    Buffer.alloc(65536, "a"),
    Buffer.from(
      "\r\n400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n",
    ),
    Buffer.alloc(1024, "a"),
    Buffer.from(
      "\r\n0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n",
    ),
  ]);

  it("verifies the seed signature and every chunk signature and yields the 66560 bytes", async () => {
    assert.equal(body.length, 66824);
    const expectation = asChunked(authenticateRequest(request, options));
    assert.equal(expectation.signed, true);
    assert.equal(expectation.trailer, false);
    assert.equal(expectation.decodedLength, 66560);
    const { data, trailers } = await decode(expectation, [body]);
    assert.deepEqual(data, Buffer.alloc(66560, "a"));
    assert.deepEqual(trailers, {});
  });

  it("decodes the same body delivered one byte at a time", async () => {
    const expectation = asChunked(authenticateRequest(request, options));
    const { data } = await decode(expectation, inPiecesOf(body, 1));
    assert.deepEqual(data, Buffer.alloc(66560, "a"));
  });

  it("refuses the body when one byte of chunk data is flipped", async () => {
    const tampered = Buffer.from(body);
    tampered[100] = "b".charCodeAt(0);
    const expectation = asChunked(authenticateRequest(request, options));
    const error = await assertRejectsS3Error(decode(expectation, [tampered]), "SignatureDoesNotMatch");
    assert.equal(error.status, 403);
  });

  it("refuses the body when a chunk signature is altered or missing", async () => {
    const expectation = asChunked(authenticateRequest(request, options));
    const altered = Buffer.from(body.toString("latin1").replace("0055627c", "0055627d"), "latin1");
    await assertRejectsS3Error(decode(expectation, [altered]), "SignatureDoesNotMatch");
    const unsigned = Buffer.from(
      body.toString("latin1").replace(/;chunk-signature=[0-9a-f]{64}/, ""),
      "latin1",
    );
    await assertRejectsS3Error(decode(expectation, [unsigned]), "SignatureDoesNotMatch");
  });

  it("refuses a body cut short or longer than x-amz-decoded-content-length", async () => {
    const expectation = asChunked(authenticateRequest(request, options));
    await assertRejectsS3Error(decode(expectation, [body.subarray(0, 70_000 - 4000)]), "IncompleteBody");
    await assertRejectsS3Error(decode(expectation, [body.subarray(0, body.length - 2)]), "IncompleteBody");
    await assertRejectsS3Error(decode({ ...expectation, decodedLength: 66561 }, [body]), "IncompleteBody");
    await assertRejectsS3Error(decode({ ...expectation, decodedLength: 66000 }, [body]), "IncompleteBody");
  });

  it("refuses chunks larger than the limit", async () => {
    const expectation = asChunked(authenticateRequest(request, options));
    await assertRejectsS3Error(decode(expectation, [body], { maxChunkBytes: 32 * 1024 }), "InvalidRequest");
  });
});

describe("createAwsChunkedDecoder with bodies signed by the SDK's SignatureV4", () => {
  const signedAt = new Date("2026-03-14T15:09:26Z");
  const options = authOptions(signedAt);
  const signer = sdkSigner();

  /** Builds a signed aws-chunked upload: the request (seed signature) and its body, chunk signatures by the SDK. */
  async function signedUpload(data: Buffer, chunkSize: number, trailer?: { name: string; value: string }) {
    const streaming = trailer
      ? "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
      : "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    const headers: Record<string, string> = {
      host: ENDPOINT_HOST,
      "content-encoding": "aws-chunked",
      "x-amz-content-sha256": streaming,
      "x-amz-decoded-content-length": String(data.length),
      ...(trailer ? { "x-amz-trailer": trailer.name } : {}),
    };
    const path = objectPath("photos", "uploads/big.bin");
    const seedRequest = await signer.sign(
      { method: "PUT", protocol: "http:", hostname: "127.0.0.1", port: 9000, path, query: {}, headers },
      { signingDate: signedAt },
    );
    const req = wireRequest(seedRequest as Parameters<typeof wireRequest>[0]);
    let previous = /Signature=([0-9a-f]{64})/.exec(String(req.headers.authorization))![1]!;
    const scope = `20260314/us-east-1/s3/aws4_request`;
    const amzDate = String(req.headers["x-amz-date"]);
    const parts: Buffer[] = [];
    const chunks = [...inPiecesOf(data, chunkSize), Buffer.alloc(0)];
    for (const chunk of chunks) {
      const stringToSign = [
        "AWS4-HMAC-SHA256-PAYLOAD",
        amzDate,
        scope,
        previous,
        EMPTY_SHA256,
        sha256(chunk),
      ].join("\n");
      previous = await signer.sign(stringToSign, { signingDate: signedAt });
      parts.push(Buffer.from(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n`), chunk);
      if (chunk.length > 0 || !trailer) parts.push(Buffer.from("\r\n"));
    }
    if (trailer) {
      const canonical = `${trailer.name}:${trailer.value}\n`;
      const stringToSign = ["AWS4-HMAC-SHA256-TRAILER", amzDate, scope, previous, sha256(canonical)].join(
        "\n",
      );
      const trailerSignature = await signer.sign(stringToSign, { signingDate: signedAt });
      parts.push(
        Buffer.from(
          `${trailer.name}:${trailer.value}\r\nx-amz-trailer-signature:${trailerSignature}\r\n\r\n`,
        ),
      );
    }
    return { req, body: Buffer.concat(parts) };
  }

  const photo = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7) % 251));

  it("decodes a 64 KiB-chunked signed body in arbitrary fragments", async () => {
    const { req, body } = await signedUpload(photo, 65_536);
    const expectation = asChunked(authenticateRequest(req, options));
    for (const piece of [1, 3, 1000, 65_536 + 90, body.length]) {
      assert.deepEqual(
        (await decode(expectation, inPiecesOf(body, piece))).data,
        photo,
        `pieces of ${piece}`,
      );
    }
  });

  it("refuses chunks that were swapped, even though each is signed", async () => {
    const half = Buffer.alloc(65_536, 1);
    const { req, body } = await signedUpload(Buffer.concat([half, Buffer.alloc(65_536, 2)]), 65_536);
    const frame = body.indexOf("\r\n", 65_536 + 80) + 2;
    const secondEnd = body.indexOf("0;chunk-signature=", frame + 65_536);
    const swapped = Buffer.concat([
      body.subarray(frame, secondEnd),
      body.subarray(0, frame),
      body.subarray(secondEnd),
    ]);
    await assertRejectsS3Error(
      decode(asChunked(authenticateRequest(req, options)), [swapped]),
      "SignatureDoesNotMatch",
    );
  });

  it("verifies a signed trailer and exposes its value", async () => {
    const crc = createChecksum("CRC32");
    crc.update(photo);
    const { req, body } = await signedUpload(photo, 65_536, {
      name: "x-amz-checksum-crc32",
      value: crc.digest(),
    });
    const expectation = asChunked(authenticateRequest(req, options));
    assert.equal(expectation.trailer, true);
    const { data, trailers } = await decode(expectation, inPiecesOf(body, 7));
    assert.deepEqual(data, photo);
    assert.deepEqual(trailers, { "x-amz-checksum-crc32": crc.digest() });
  });

  it("refuses a signed trailer whose value was changed", async () => {
    const { req, body } = await signedUpload(photo, 65_536, {
      name: "x-amz-checksum-crc32",
      value: "AAAAAA==",
    });
    const tampered = Buffer.from(
      body.toString("latin1").replace("x-amz-checksum-crc32:AAAAAA==", "x-amz-checksum-crc32:AAAAAB=="),
      "latin1",
    );
    await assertRejectsS3Error(
      decode(asChunked(authenticateRequest(req, options)), [tampered]),
      "SignatureDoesNotMatch",
    );
  });

  it("emits each chunk's bytes before the rest of the body arrives", async () => {
    const { req, body } = await signedUpload(photo, 65_536);
    const decoder = createAwsChunkedDecoder(asChunked(authenticateRequest(req, options)));
    const firstChunkEnd = body.indexOf("\r\n", 65_536 + 80) + 2;
    const received = new Promise<number>((resolve) => {
      let total = 0;
      decoder.on("data", (chunk: Buffer) => {
        total += chunk.length;
        if (total === 65_536) resolve(total);
      });
    });
    decoder.write(body.subarray(0, firstChunkEnd));
    assert.equal(await received, 65_536);
    decoder.end(body.subarray(firstChunkEnd));
    await decoder.trailers;
  });
});

describe("createAwsChunkedDecoder with the S3 client's own streaming uploads", () => {
  let capture: Awaited<ReturnType<typeof startCaptureServer>>;
  before(async () => {
    capture = await startCaptureServer();
  });
  after(() => capture.close());

  it("decodes a STREAMING-UNSIGNED-PAYLOAD-TRAILER PutObject and exposes the CRC32 trailer", async () => {
    const pieces = [Buffer.from("first piece, "), Buffer.alloc(70_000, "x"), Buffer.from(" last")];
    const content = Buffer.concat(pieces);
    const client = clientFor(capture.endpoint);
    capture.requests.length = 0;
    await client.send(
      new PutObjectCommand({
        Bucket: "photos",
        Key: "uploads/stream.bin",
        Body: Readable.from(pieces),
        ContentLength: content.length,
      }),
    );
    client.destroy();
    const [put] = capture.requests as [CapturedRequest];
    const expectation = asChunked(authenticateRequest(put, authOptions(new Date())));
    assert.equal(expectation.signed, false);
    assert.equal(expectation.trailer, true);
    const { data, trailers } = await decode(expectation, inPiecesOf(put.body, 5));
    assert.deepEqual(data, content);
    const crc = createChecksum("CRC32");
    crc.update(content);
    assert.deepEqual(trailers, { "x-amz-checksum-crc32": crc.digest() });
  });
});

describe("createAwsChunkedDecoder with malformed framing", () => {
  const unsignedTrailer = (
    declaredTrailers: string[] = ["x-amz-checksum-crc32"],
    decodedLength?: number,
  ): AwsChunkedExpectation => ({
    kind: "aws-chunked",
    signed: false,
    trailer: true,
    ...(decodedLength === undefined ? {} : { decodedLength }),
    context: { seedSignature: "", signingKey: Buffer.alloc(32), scope: "", amzDate: "", declaredTrailers },
  });
  const valid = "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n";

  it("accepts a well-formed unsigned body", async () => {
    const { data, trailers } = await decode(unsignedTrailer(undefined, 5), [Buffer.from(valid)]);
    assert.equal(data.toString(), "hello");
    assert.deepEqual(trailers, { "x-amz-checksum-crc32": "NhCmhg==" });
  });

  const malformed: Array<[string, string, "InvalidRequest" | "IncompleteBody"]> = [
    ["a chunk size that is not hex", "zz\r\nhello\r\n0\r\n\r\n", "InvalidRequest"],
    ["a size line with only LF", "5\nhello\r\n0\r\n\r\n", "InvalidRequest"],
    ["data longer than its declared size", "4\r\nhello\r\n0\r\n\r\n", "InvalidRequest"],
    ["data after the final chunk", `${valid}extra`, "InvalidRequest"],
    ["an undeclared trailer", "5\r\nhello\r\n0\r\nx-amz-meta-evil:1\r\n\r\n", "InvalidRequest"],
    ["a trailer line without a colon", "5\r\nhello\r\n0\r\nnonsense\r\n\r\n", "InvalidRequest"],
    ["a declared trailer never sent", "5\r\nhello\r\n0\r\n\r\n", "IncompleteBody"],
    ["a body that stops inside a chunk", "5\r\nhel", "IncompleteBody"],
    [
      "a body that stops before the trailers end",
      "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n",
      "IncompleteBody",
    ],
    ["an endless size line", `${"0".repeat(5000)}`, "InvalidRequest"],
  ];
  for (const [what, body, code] of malformed) {
    it(`refuses ${what} with ${code}`, async () => {
      await assertRejectsS3Error(decode(unsignedTrailer(), [Buffer.from(body)]), code);
    });
  }

  it("rejects its trailers promise when the body fails", async () => {
    const decoder = createAwsChunkedDecoder(unsignedTrailer());
    decoder.on("error", () => undefined);
    decoder.end(Buffer.from("zz\r\n"));
    await assertRejectsS3Error(decoder.trailers, "InvalidRequest");
  });
});
