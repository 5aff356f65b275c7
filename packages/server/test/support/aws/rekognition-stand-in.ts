import type { Label, ModerationLabel } from "@aws-sdk/client-rekognition";
import type { AwsCredentialIdentity } from "@smithy/types";
import sharp from "sharp";
import { type AwsJsonStandIn, type StandInReply, startAwsJsonStandIn } from "./aws-json-stand-in.js";

export interface RekognitionAnswers {
  labels: Label[];
  moderation: ModerationLabel[];
  /** When set, every call fails with this (non-retryable) error instead. */
  failWith?: string;
}

/**
 * Rekognition's DetectLabels and DetectModerationLabels, answered from `answers` (change it between calls).
 * Like the service, it refuses inline bytes that are not a JPEG or PNG of at least 80 × 80 pixels, and it
 * applies the request's MinConfidence and MaxLabels to the canned answer.
 */
export async function startRekognitionStandIn(
  region: string,
  credentials: AwsCredentialIdentity,
  answers: RekognitionAnswers,
): Promise<AwsJsonStandIn> {
  const analyze = async (body: any, answer: (body: any) => object): Promise<StandInReply> => {
    if (answers.failWith) return { status: 400, errorType: answers.failWith, message: "refused by the test" };
    const refusal = await imageRefusal(Buffer.from(String(body.Image?.Bytes ?? ""), "base64"));
    return refusal ?? { json: answer(body) };
  };
  return startAwsJsonStandIn({
    service: "rekognition",
    region,
    credentials,
    operations: {
      DetectLabels: (body) =>
        analyze(body, ({ MinConfidence = 55, MaxLabels = 1000 }) => ({
          Labels: answers.labels.filter((l) => (l.Confidence ?? 0) >= MinConfidence).slice(0, MaxLabels),
          LabelModelVersion: "3.0",
        })),
      DetectModerationLabels: (body) =>
        analyze(body, ({ MinConfidence = 50 }) => ({
          ModerationLabels: answers.moderation.filter((l) => (l.Confidence ?? 0) >= MinConfidence),
          ModerationModelVersion: "7.0",
        })),
    },
  });
}

async function imageRefusal(bytes: Buffer): Promise<StandInReply | undefined> {
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const isPng = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (!isJpeg && !isPng) {
    return {
      status: 400,
      errorType: "InvalidImageFormatException",
      message: "Request has unsupported image format",
    };
  }
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  if (width < 80 || height < 80) {
    return {
      status: 400,
      errorType: "InvalidParameterException",
      message: "Minimum image dimension is 80 px",
    };
  }
  return undefined;
}
