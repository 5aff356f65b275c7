import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { WeightedSemaphore } from "./weighted-semaphore.js";

/** A task that runs until `finish` is called, recording when it started. */
function gate(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    task: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
    finish: () => finish(),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(WeightedSemaphore.name, () => {
  it("runs tasks side by side while their weights fit, and holds back the one that does not", async () => {
    const log: string[] = [];
    const sut = new WeightedSemaphore(10);
    const a = gate(log, "a");
    const b = gate(log, "b");
    const c = gate(log, "c");
    const runs = [sut.run(4, a.task), sut.run(5, b.task), sut.run(3, c.task)];
    await tick();
    assert.deepEqual(log, ["start a", "start b"]);
    assert.equal(sut.inFlight, 9);
    assert.equal(sut.queued, 1);
    a.finish();
    await tick();
    await tick();
    assert.deepEqual(log, ["start a", "start b", "end a", "start c"]);
    b.finish();
    c.finish();
    assert.deepEqual(await Promise.all(runs), ["a", "b", "c"]);
    assert.equal(sut.inFlight, 0);
  });

  it("runs a task heavier than the whole capacity, alone", async () => {
    const log: string[] = [];
    const sut = new WeightedSemaphore(10);
    const small = gate(log, "small");
    const huge = gate(log, "huge");
    const runs = [sut.run(2, small.task), sut.run(50, huge.task)];
    await tick();
    assert.deepEqual(log, ["start small"], "the huge one waits for the budget to be empty");
    small.finish();
    await tick();
    await tick();
    assert.deepEqual(log, ["start small", "end small", "start huge"]);
    assert.equal(sut.inFlight, 10, "it holds the whole budget, capped");
    huge.finish();
    await Promise.all(runs);
  });

  it("admits first come, first served: light tasks do not overtake a waiting heavy one", async () => {
    const log: string[] = [];
    const sut = new WeightedSemaphore(10);
    const first = gate(log, "first");
    const heavy = gate(log, "heavy");
    const light = gate(log, "light");
    const runs = [sut.run(6, first.task), sut.run(8, heavy.task), sut.run(1, light.task)];
    await tick();
    assert.deepEqual(log, ["start first"]);
    first.finish();
    await tick();
    await tick();
    assert.deepEqual(log, ["start first", "end first", "start heavy", "start light"]);
    heavy.finish();
    light.finish();
    await Promise.all(runs);
  });

  it("gives the weight back when a task fails", async () => {
    const sut = new WeightedSemaphore(10);
    await assert.rejects(
      sut.run(10, async () => {
        throw new Error("decode failed");
      }),
      /decode failed/,
    );
    assert.equal(sut.inFlight, 0);
    assert.equal(await sut.run(10, async () => "next"), "next");
  });

  it("refuses a capacity that admits nothing", () => {
    assert.throws(() => new WeightedSemaphore(0), RangeError);
  });
});
