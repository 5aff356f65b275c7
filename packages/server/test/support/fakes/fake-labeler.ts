import type { ImageAnalysis, Labeler, LabelerInput } from "../../../src/ports/labeler.js";

/**
 * `Labeler` for unit tests of the pipeline: answers with a configurable analysis, records what it was
 * shown (to count calls and check it saw the `web` variant) and can be told to fail.
 */
export class FakeLabeler implements Labeler {
  readonly inputs: LabelerInput[] = [];
  closed = false;
  /** What `analyze` answers; tests replace it freely. */
  result: ImageAnalysis = {
    labels: [
      { name: "Dog", confidence: 0.91 },
      { name: "person", confidence: 0.55 },
      { name: "frisbee", confidence: 0.22 },
    ],
    moderation: [],
  };
  private readonly failures: Error[] = [];

  /** Makes the next `analyze` reject with `error` (queued). */
  failNext(error: Error): void {
    this.failures.push(error);
  }

  async analyze(image: LabelerInput): Promise<ImageAnalysis> {
    this.inputs.push(image);
    const failure = this.failures.shift();
    if (failure) throw failure;
    return structuredClone(this.result);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
