import type { Logger } from "../../../src/ports/logger.js";

/** Drops log lines: the tests assert on behaviour, and the runner's output stays readable. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
};
