import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createJsonLinesLogger } from "./json-lines-logger.js";

const fixedClock = { now: () => new Date("2026-01-02T03:04:05.000Z") };

function capture(level: "debug" | "info" | "warn" | "error") {
  const lines: string[] = [];
  const logger = createJsonLinesLogger({ level, clock: fixedClock, write: (line) => lines.push(line) });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("createJsonLinesLogger", () => {
  it("writes one JSON object per line with time, level, message and fields", () => {
    const { logger, lines, parsed } = capture("info");
    logger.info("request", { status: 200, path: "/api/events" });
    assert.equal(lines.length, 1);
    assert.ok(lines[0]?.endsWith("\n"));
    assert.deepEqual(parsed()[0], {
      time: "2026-01-02T03:04:05.000Z",
      level: "info",
      msg: "request",
      status: 200,
      path: "/api/events",
    });
  });

  it("drops lines below the configured level", () => {
    const { logger, parsed } = capture("warn");
    logger.debug("d");
    logger.info("i");
    logger.warn("w");
    logger.error("e");
    assert.deepEqual(
      parsed().map((l) => l.level),
      ["warn", "error"],
    );
  });

  it("expands errors into name, message and stack", () => {
    const { logger, parsed } = capture("debug");
    logger.error("boom", { error: new TypeError("bad thing") });
    const error = parsed()[0]?.error as Record<string, unknown>;
    assert.equal(error.name, "TypeError");
    assert.equal(error.message, "bad thing");
    assert.match(String(error.stack), /bad thing/);
  });

  it("adds a child's bound fields to every line", () => {
    const { logger, parsed } = capture("info");
    const child = logger.child({ requestId: "r1" }).child({ userId: "u1" });
    child.info("hello", { extra: true });
    assert.deepEqual(parsed()[0], {
      time: "2026-01-02T03:04:05.000Z",
      level: "info",
      msg: "hello",
      requestId: "r1",
      userId: "u1",
      extra: true,
    });
  });
});
