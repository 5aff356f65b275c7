import { createHash } from "node:crypto";
import type {
  ImageAnalysisResult,
  ImageProcessor,
  RenderedImage,
  RenderedVariants,
} from "../../../src/ports/image-processor.js";

/**
 * `ImageProcessor` for unit tests of the pipeline: answers `analyze` with a configurable result, renders
 * "variants" whose bytes derive from the input (same input, same bytes — as the real renderer), counts its
 * calls and can be told to fail. Pixel work itself is the real adapter's suite's concern.
 */
export class FakeImageProcessor implements ImageProcessor {
  analyzeCalls = 0;
  renderCalls = 0;
  /** What `analyze` answers; tests replace fields freely. */
  analysis: ImageAnalysisResult = {
    format: "jpeg",
    width: 4000,
    height: 3000,
    metadata: {
      orientation: 1,
      takenAt: new Date("2026-05-30T18:04:05.000Z"),
      camera: { make: "Fujifilm", model: "X100V", lens: "23mm F2" },
      exposure: { exposureTime: 0.004, fNumber: 2.8, iso: 400, focalLength: 23 },
      gps: { latitude: 52.520008, longitude: 13.404954, altitude: 34.5 },
      colorProfile: "sRGB IEC61966-2.1",
    },
  };
  private failures: { analyze: Error[]; render: Error[] } = { analyze: [], render: [] };

  /** Makes the next call of `method` reject with `error` (queued: call again to fail several times). */
  failNext(method: "analyze" | "render", error: Error): void {
    this.failures[method].push(error);
  }

  async analyze(_bytes: Buffer): Promise<ImageAnalysisResult> {
    this.analyzeCalls++;
    const failure = this.failures.analyze.shift();
    if (failure) throw failure;
    return structuredClone(this.analysis);
  }

  async renderVariants(bytes: Buffer): Promise<RenderedVariants> {
    this.renderCalls++;
    const failure = this.failures.render.shift();
    if (failure) throw failure;
    const digest = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
    const { width, height } = this.analysis;
    const fit = (edge: number): RenderedImage => {
      const scale = Math.min(1, edge / Math.max(width, height));
      return {
        bytes: Buffer.from(`RIFF....WEBP ${edge}px of ${digest}`),
        contentType: "image/webp",
        width: Math.round(width * scale),
        height: Math.round(height * scale),
      };
    };
    return { thumb: fit(200), web: fit(1600), blurhash: `blurhash-of-${digest}` };
  }
}
