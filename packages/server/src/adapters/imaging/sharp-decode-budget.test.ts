import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canvas, fixture, RED } from "../../../test/support/test-images.js";
import { SharpImageProcessor } from "./sharp-image-processor.js";
import { WeightedSemaphore } from "./weighted-semaphore.js";

const MP = 1_000_000;

/** A processor whose decode budget reports every change of the pixels in flight. */
function processorWithBudget(capacity: number) {
  const inFlight: number[] = [];
  const budget = new WeightedSemaphore(capacity, (pixels) => inFlight.push(pixels));
  return { sut: new SharpImageProcessor({ decodeBudget: budget, heicInWorker: false }), budget, inFlight };
}

describe("SharpImageProcessor decode budget", () => {
  it("never decodes two images at once whose pixels together exceed the budget", async () => {
    const { sut, inFlight } = processorWithBudget(5 * MP);
    // 2000 × 2000 = 4 MP each: one fits, two do not.
    const [a, b] = await Promise.all([
      canvas(2000, 2000).jpeg({ progressive: true }).toBuffer(),
      canvas(2000, 2000, RED).jpeg({ progressive: true }).toBuffer(),
    ]);
    const [first, second] = await Promise.all([sut.renderVariants(a), sut.renderVariants(b)]);
    assert.equal(first.web.width, 1600);
    assert.equal(second.web.width, 1600);
    assert.deepEqual(inFlight, [4 * MP, 0, 4 * MP, 0], "one after the other, each weighed by its pixels");
  });

  it("decodes small images side by side within the budget", async () => {
    const { sut, inFlight } = processorWithBudget(5 * MP);
    const small = await Promise.all([1, 2].map(() => canvas(1000, 1000).jpeg().toBuffer()));
    await Promise.all(small.map((bytes) => sut.renderVariants(bytes)));
    assert.equal(Math.max(...inFlight), 2 * MP);
  });

  it("still decodes an image larger than the whole budget, alone", async () => {
    const { sut, inFlight } = processorWithBudget(1 * MP);
    const [large, small] = await Promise.all([
      canvas(2000, 1500).jpeg().toBuffer(),
      canvas(500, 500).jpeg().toBuffer(),
    ]);
    const [rendered] = await Promise.all([sut.renderVariants(large), sut.renderVariants(small)]);
    assert.equal(rendered.web.width, 1600);
    // Which header read finishes first is up to libuv, so the two may run in either order;
    // what matters is that the large one, weighed as the whole budget, never shares it.
    assert.equal(Math.max(...inFlight), 1 * MP, "the large image never runs beside the small one");
    assert.deepEqual(
      [...inFlight].filter((pixels) => pixels > 0).sort((x, y) => x - y),
      [0.25 * MP, 1 * MP],
      "each decoded once, the large one weighed as the whole budget",
    );
  });

  it("admits only the analysis that decodes (HEVC HEIC), not a JPEG's header read", async () => {
    const { sut, inFlight } = processorWithBudget(100 * MP);
    await sut.analyze(await canvas(1000, 1000).jpeg().toBuffer());
    assert.deepEqual(inFlight, []);
    const heic = await sut.analyze(fixture("nikon-d2h-gps.heic"));
    assert.equal(inFlight[0], heic.width * heic.height);
    await sut.close();
  });
});
