import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { Worker, type WorkerOptions } from "node:worker_threads";
import sharp from "sharp";
import type { ImageAnalysis, LabelerInput } from "../../ports/labeler.js";
import { ImageAnalysisError, LabelerUnavailableError } from "./labeling-errors.js";
import { DEFAULT_MIN_LABEL_CONFIDENCE, OfflineLabeler } from "./offline-labeler.js";

const fixtures = new URL("../../../test/fixtures/photos/", import.meta.url);

function photo(fileName: string): LabelerInput {
  const bytes = readFileSync(new URL(fileName, fixtures));
  return { bytes, contentType: "image/jpeg", width: 0, height: 0 };
}

/** A smooth colour gradient: a real image with nothing in it to name. */
async function gradient(): Promise<LabelerInput> {
  const width = 480;
  const height = 320;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 3;
      pixels[offset] = Math.round((255 * x) / width);
      pixels[offset + 1] = Math.round((255 * y) / height);
      pixels[offset + 2] = 160;
    }
  }
  const bytes = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg()
    .toBuffer();
  return { bytes, contentType: "image/jpeg", width, height };
}

function names(analysis: ImageAnalysis): string[] {
  return analysis.labels.map((label) => label.name);
}

function confidenceOf(analysis: ImageAnalysis["labels"], name: string): number {
  return analysis.find((label) => label.name === name)?.confidence ?? 0;
}

/** Starts workers as the labeler would, and keeps hold of them so a test can kill or watch one. */
function recordingWorkers(): {
  started: Worker[];
  startWorker: (s: string | URL, o: WorkerOptions) => Worker;
} {
  const started: Worker[] = [];
  return {
    started,
    startWorker: (script, options) => {
      const worker = new Worker(script, options);
      started.push(worker);
      return worker;
    },
  };
}

const person = photo("astronaut.jpg");
const cat = photo("chelsea-cat.jpg");
const cup = photo("coffee-cup.jpg");

describe("OfflineLabeler with the real models", () => {
  const workers = recordingWorkers();
  const labeler = new OfflineLabeler({ startWorker: workers.startWorker });

  before(() => labeler.init());
  after(() => labeler.close());

  it("labels the astronaut photo as a person above the threshold", async () => {
    const analysis = await labeler.analyze(person);
    assert.equal(analysis.labels[0]?.name, "person");
    assert.ok(confidenceOf(analysis.labels, "person") >= DEFAULT_MIN_LABEL_CONFIDENCE);
  });

  it("labels the photo of Chelsea the cat as a cat or a dog", async () => {
    const analysis = await labeler.analyze(cat);
    assert.ok(
      names(analysis).some((name) => name === "cat" || name === "dog"),
      `labels were ${JSON.stringify(analysis.labels)}`,
    );
  });

  it("labels a greyscale PNG like its colour original", async () => {
    const greyscale = await sharp(person.bytes).greyscale().png().toBuffer();
    const analysis = await labeler.analyze({ ...person, bytes: greyscale, contentType: "image/png" });
    assert.equal(analysis.labels[0]?.name, "person");
  });

  it("finds no confident label in a plain gradient", async () => {
    const analysis = await labeler.analyze(await gradient());
    assert.deepEqual(analysis.labels, []);
  });

  it("scores every fixture low for explicit nudity and suggestiveness", async () => {
    for (const input of [person, cat, cup, await gradient()]) {
      const { moderation } = await labeler.analyze(input);
      assert.deepEqual(moderation.map((label) => label.name).sort(), ["explicit nudity", "suggestive"]);
      for (const category of moderation) assert.ok(category.confidence < 0.5, JSON.stringify(moderation));
    }
  });

  it("returns labels in the port's shape: unique lower-case names, confidences in 0..1, highest first", async () => {
    for (const input of [person, cat, cup]) {
      const analysis = await labeler.analyze(input);
      for (const list of [analysis.labels, analysis.moderation]) {
        assert.deepEqual(Object.keys(list[0] ?? {}).sort(), list.length ? ["confidence", "name"] : []);
        assert.equal(new Set(list.map((label) => label.name)).size, list.length);
        for (const { name, confidence } of list) {
          assert.equal(name, name.toLowerCase());
          assert.ok(confidence >= 0 && confidence <= 1);
        }
        const confidences = list.map((label) => label.confidence);
        assert.deepEqual(
          confidences,
          [...confidences].sort((a, b) => b - a),
        );
      }
    }
  });

  it("answers concurrent requests each with its own photo's labels", async () => {
    const [first, second, third] = await Promise.all(
      [cup, person, cat].map((input) => labeler.analyze(input)),
    );
    assert.equal(first?.labels[0]?.name, "cup");
    assert.equal(second?.labels[0]?.name, "person");
    assert.ok(names(third!).some((name) => name === "cat" || name === "dog"));
  });

  it("leaves the caller's buffer intact", async () => {
    const input = photo("astronaut.jpg");
    const before = Buffer.from(input.bytes);
    await labeler.analyze(input);
    assert.deepEqual(input.bytes, before);
  });

  it("rejects bytes that are not an image and keeps serving on the same worker", async () => {
    const garbage = {
      bytes: Buffer.from("definitely not a JPEG"),
      contentType: "image/jpeg",
      width: 1,
      height: 1,
    };
    await assert.rejects(labeler.analyze(garbage), ImageAnalysisError);
    assert.equal((await labeler.analyze(person)).labels[0]?.name, "person");
    assert.equal(workers.started.length, 1);
  });

  it("keeps the main thread responsive while photos are analysed", async () => {
    let longestGap = 0;
    let ticks = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 10);
    try {
      for (const input of [person, cat, cup]) await labeler.analyze(input);
    } finally {
      clearInterval(ticker);
    }
    assert.ok(ticks > 10, `only ${ticks} ticks`);
    assert.ok(longestGap < 150, `the event loop stalled for ${Math.round(longestGap)} ms`);
  });
});

describe("OfflineLabeler's worker lifecycle", () => {
  it("fails the in-flight request of a terminated worker and starts a new worker on the next call", async () => {
    const workers = recordingWorkers();
    const labeler = new OfflineLabeler({ startWorker: workers.startWorker });
    try {
      await labeler.init();
      const inFlight = labeler.analyze(person);
      await workers.started[0]?.terminate();
      await assert.rejects(inFlight, LabelerUnavailableError);

      const analysis = await labeler.analyze(person);
      assert.equal(analysis.labels[0]?.name, "person");
      assert.equal(workers.started.length, 2);
    } finally {
      await labeler.close();
    }
  });

  it("reports a crashing worker's error to its waiting requests", async () => {
    const labeler = new OfflineLabeler({
      startWorker: () =>
        new Worker("setTimeout(() => { throw new Error('out of cheese'); }, 20);", { eval: true }),
    });
    try {
      await assert.rejects(labeler.analyze(person), (error: unknown) => {
        assert.ok(error instanceof LabelerUnavailableError);
        assert.match(error.message, /crashed: out of cheese/);
        return true;
      });
    } finally {
      await labeler.close();
    }
  });

  it("ends its worker on close() and refuses work afterwards", async () => {
    const workers = recordingWorkers();
    const labeler = new OfflineLabeler({ startWorker: workers.startWorker });
    await labeler.analyze(cup);
    const worker = workers.started[0]!;
    const exited = once(worker, "exit");
    await labeler.close();
    await exited;
    assert.equal(worker.threadId, -1);
    await assert.rejects(labeler.analyze(cup), LabelerUnavailableError);
  });

  it("lets a process that closed its labeler exit on its own", () => {
    const moduleUrl = new URL("./offline-labeler.ts", import.meta.url).href;
    const script = [
      `import { OfflineLabeler } from ${JSON.stringify(moduleUrl)};`,
      "const labeler = new OfflineLabeler();",
      "await labeler.init();",
      "await labeler.close();",
      "console.log('closed');",
    ].join("\n");
    const child = spawnSync(
      process.execPath,
      ["--conditions=source", "--import", "tsx", "--input-type=module", "--eval", script],
      // The limit only stops a hang from stalling the suite; a healthy run takes a few seconds.
      { encoding: "utf8", timeout: 45_000 },
    );
    assert.equal(child.signal, null, "the process did not exit by itself");
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout.trim(), "closed");
  });

  it("refuses a confidence threshold outside 0..1 and a negative label count", () => {
    assert.throws(() => new OfflineLabeler({ minLabelConfidence: 1.5 }), RangeError);
    assert.throws(() => new OfflineLabeler({ maxLabels: -1 }), RangeError);
  });
});
