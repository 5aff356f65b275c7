import * as tf from "@tensorflow/tfjs";
import type { DetectedLabel } from "../../ports/labeler.js";
import { COCO_CLASSES } from "./coco-classes.js";
import type { RgbPixels } from "./image-pixels.js";
import { readModelFromDisk } from "./model-artifacts.js";

/** The CenterNet output that already holds decoded boxes: 100 rows of [x1, y1, x2, y2, score, class]. */
const DETECTIONS_OUTPUT = "tower_0/detections";
const DETECTION_FIELDS = 6;

/**
 * COCO-80 object detection with the MobileNetV3 CenterNet that `@vladmandic/human` ships, run directly as
 * a tfjs graph model (Human itself would bring face, body and hand models we do not need). Only class
 * names and scores are kept: the labeler reports what is in the photo, not where.
 */
export class ObjectDetector {
  private constructor(
    private readonly model: tf.GraphModel,
    /** Side of the square input the model expects (512). */
    readonly inputSize: number,
  ) {}

  /** Loads the model from its `model.json` on disk and runs it once so the first photo is not slower. */
  static async load(modelJsonPath: string): Promise<ObjectDetector> {
    const model = await tf.loadGraphModel(await readModelFromDisk(modelJsonPath));
    const inputSize = model.inputs[0]?.shape?.[1];
    if (inputSize === undefined || inputSize <= 0) {
      throw new Error(`The object model at ${modelJsonPath} does not declare its input size`);
    }
    const detector = new ObjectDetector(model, inputSize);
    await detector.detect({
      data: new Uint8Array(inputSize * inputSize * 3),
      width: inputSize,
      height: inputSize,
    });
    return detector;
  }

  /** Every detection (one per box, so names repeat), in the model's order; scores are 0..1. */
  async detect(pixels: RgbPixels): Promise<DetectedLabel[]> {
    if (pixels.width !== this.inputSize || pixels.height !== this.inputSize) {
      throw new Error(`The object model takes ${this.inputSize}×${this.inputSize} pixels`);
    }
    const output = tf.tidy(() => {
      const input = tf.tensor4d(Float32Array.from(pixels.data), [1, pixels.height, pixels.width, 3]);
      return this.model.execute(input, DETECTIONS_OUTPUT) as tf.Tensor;
    });
    try {
      return decodeDetections(await output.data());
    } finally {
      output.dispose();
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}

function decodeDetections(rows: tf.TypedArray | string[]): DetectedLabel[] {
  const detections: DetectedLabel[] = [];
  for (let offset = 0; offset + DETECTION_FIELDS <= rows.length; offset += DETECTION_FIELDS) {
    const confidence = Number(rows[offset + 4]);
    const name = COCO_CLASSES[Number(rows[offset + 5])];
    // Rows the model could not fill carry NaN classes; there is nothing to name.
    if (name === undefined || !Number.isFinite(confidence)) continue;
    detections.push({ name, confidence });
  }
  return detections;
}
