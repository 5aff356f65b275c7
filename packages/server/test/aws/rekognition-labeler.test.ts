import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { RekognitionLabeler } from "../../src/adapters/rekognition/rekognition-labeler.js";
import type { LabelerInput } from "../../src/ports/labeler.js";
import type { AwsJsonStandIn } from "../support/aws/aws-json-stand-in.js";
import { type RekognitionAnswers, startRekognitionStandIn } from "../support/aws/rekognition-stand-in.js";
import { makeJpeg, makePng } from "../support/photos.js";

const region = "eu-west-1";
const credentials = { accessKeyId: "AKIDSTANDIN", secretAccessKey: "stand-in-secret" };

async function webpInput(width: number, height: number): Promise<LabelerInput> {
  const bytes = await sharp(await makeJpeg(width, height))
    .webp()
    .toBuffer();
  return { bytes, contentType: "image/webp", width, height };
}

describe("RekognitionLabeler (against a local Rekognition stand-in, driven by the real SDK client)", () => {
  const answers: RekognitionAnswers = { labels: [], moderation: [] };
  let standIn: AwsJsonStandIn;
  let labeler: RekognitionLabeler;

  before(async () => {
    standIn = await startRekognitionStandIn(region, credentials, answers);
    labeler = new RekognitionLabeler({
      region,
      minLabelConfidence: 0.6,
      maxLabels: 3,
      client: { endpoint: standIn.endpoint, credentials },
    });
  });
  after(async () => {
    await labeler.close();
    await standIn.close();
  });

  it("asks for labels and moderation on the same bytes, with its confidence floor and label cap", async () => {
    standIn.calls.length = 0;
    Object.assign(answers, {
      labels: [
        { Name: "Person", Confidence: 99.1 },
        { Name: "Dog", Confidence: 88 },
        { Name: "Grass", Confidence: 70 },
        { Name: "Frisbee", Confidence: 65 },
        { Name: "Cloud", Confidence: 40 },
      ],
      moderation: [],
      failWith: undefined,
    });
    const analysis = await labeler.analyze(await webpInput(320, 240));
    assert.deepEqual(analysis.labels, [
      { name: "person", confidence: 0.991 },
      { name: "dog", confidence: 0.88 },
      { name: "grass", confidence: 0.7 },
    ]);
    assert.deepEqual(analysis.moderation, []);
    const labels = standIn.calls.find((call) => call.operation === "DetectLabels");
    const moderation = standIn.calls.find((call) => call.operation === "DetectModerationLabels");
    assert.ok(labels && moderation, "both operations were called");
    assert.equal(labels.body.MinConfidence, 60);
    assert.equal(labels.body.MaxLabels, 3);
    assert.equal(moderation.body.MinConfidence, 50);
    assert.equal(labels.body.Image.Bytes, moderation.body.Image.Bytes);
  });

  it("sends a WebP variant as a JPEG, which is all Rekognition reads besides PNG", async () => {
    standIn.calls.length = 0;
    Object.assign(answers, {
      labels: [{ Name: "Cat", Confidence: 90 }],
      moderation: [],
      failWith: undefined,
    });
    await labeler.analyze(await webpInput(200, 150));
    const sent = Buffer.from(standIn.calls[0]!.body.Image.Bytes, "base64");
    const { format, width, height } = await sharp(sent).metadata();
    assert.deepEqual({ format, width, height }, { format: "jpeg", width: 200, height: 150 });
  });

  it("sends a JPEG or PNG as it is", async () => {
    standIn.calls.length = 0;
    const png = await makePng(120, 90);
    await labeler.analyze({ bytes: png, contentType: "image/png", width: 120, height: 90 });
    assert.ok(Buffer.from(standIn.calls[0]!.body.Image.Bytes, "base64").equals(png));
  });

  it("enlarges an image under 80 px so moderation still runs instead of failing the photo", async () => {
    standIn.calls.length = 0;
    const tiny = await makePng(60, 30);
    const analysis = await labeler.analyze({ bytes: tiny, contentType: "image/png", width: 60, height: 30 });
    assert.deepEqual(analysis.labels, [{ name: "cat", confidence: 0.9 }]);
    const sent = await sharp(Buffer.from(standIn.calls[0]!.body.Image.Bytes, "base64")).metadata();
    assert.deepEqual([sent.width, sent.height], [160, 80]);
  });

  it("reports moderation as top-level categories, each with its most confident label", async () => {
    Object.assign(answers, {
      labels: [],
      moderation: [
        { Name: "Explicit Nudity", ParentName: "", Confidence: 72, TaxonomyLevel: 1 },
        { Name: "Graphic Male Nudity", ParentName: "Explicit Nudity", Confidence: 93.5, TaxonomyLevel: 2 },
        { Name: "Weapon Violence", ParentName: "Violence", Confidence: 61, TaxonomyLevel: 2 },
        { Name: "Smoking", ParentName: "Tobacco", Confidence: 20, TaxonomyLevel: 2 },
      ],
      failWith: undefined,
    });
    const analysis = await labeler.analyze(await webpInput(320, 240));
    assert.deepEqual(analysis.moderation, [
      { name: "explicit nudity", confidence: 0.935 },
      { name: "violence", confidence: 0.61 },
    ]);
  });

  it("throws the service's error for the pipeline's queue to retry", async () => {
    Object.assign(answers, { failWith: "ImageTooLargeException" });
    await assert.rejects(labeler.analyze(await webpInput(320, 240)), { name: "ImageTooLargeException" });
    answers.failWith = undefined;
  });

  it("is refused by the stand-in when signed with other credentials", async () => {
    const stranger = new RekognitionLabeler({
      region,
      minLabelConfidence: 0.5,
      client: {
        endpoint: standIn.endpoint,
        credentials: { accessKeyId: "AKIDOTHER", secretAccessKey: "nope" },
      },
    });
    try {
      await assert.rejects(stranger.analyze(await webpInput(100, 100)), {
        name: "InvalidSignatureException",
      });
    } finally {
      await stranger.close();
    }
  });
});
