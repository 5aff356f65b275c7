import * as tf from "@tensorflow/tfjs";
import { NSFWJS } from "nsfwjs/core";
import type { RgbPixels } from "./image-pixels.js";
import { readModelFromJsBundles } from "./model-artifacts.js";
import type { NsfwScores } from "./moderation-categories.js";

/** nsfwjs's MobileNetV2 takes 224×224 RGB. */
export const MODERATION_INPUT_SIZE = 224;

/**
 * nsfwjs's MobileNetV2 classifier (Drawing, Hentai, Neutral, Porn, Sexy), loaded from the model bundled in
 * the npm package rather than through `nsfwjs.load()`, whose base64 decoding is ~25× slower.
 */
export class ModerationClassifier {
  private constructor(private readonly net: NSFWJS) {}

  /** Loads the bundled model; `NSFWJS.load` also runs it once, so the first photo is not slower. */
  static async load(modelBundlePath: string, weightBundlePath: string): Promise<ModerationClassifier> {
    const net = new NSFWJS(await readModelFromJsBundles(modelBundlePath, [weightBundlePath]), {
      size: MODERATION_INPUT_SIZE,
    });
    await net.load();
    return new ModerationClassifier(net);
  }

  /** The probability of each class for a 224×224 image (they sum to ~1). */
  async classify(pixels: RgbPixels): Promise<NsfwScores> {
    const image = tf.tensor3d(pixels.data, [pixels.height, pixels.width, 3], "int32");
    try {
      const predictions = await this.net.classify(image, 5);
      const scores: NsfwScores = { drawing: 0, hentai: 0, neutral: 0, porn: 0, sexy: 0 };
      for (const { className, probability } of predictions) {
        const key = className.toLowerCase();
        if (isNsfwClass(key, scores)) scores[key] = probability;
      }
      return scores;
    } finally {
      image.dispose();
    }
  }

  dispose(): void {
    this.net.dispose();
  }
}

function isNsfwClass(name: string, scores: NsfwScores): name is keyof NsfwScores {
  return Object.hasOwn(scores, name);
}
