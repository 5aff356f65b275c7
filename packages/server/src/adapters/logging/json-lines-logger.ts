import type { Clock } from "../../ports/clock.js";
import { systemClock } from "../../ports/clock.js";
import type { LogFields, Logger, LogLevel } from "../../ports/logger.js";
import { logLevels } from "../../ports/logger.js";

export interface JsonLinesLoggerOptions {
  /** Lines below this level are dropped. */
  level: LogLevel;
  /** Where each finished line (ending in "\n") goes; stdout by default. */
  write?: (line: string) => void;
  clock?: Clock;
}

/**
 * A {@link Logger} that writes one JSON object per line: `{"time","level","msg",...fields}`. Errors in fields
 * are expanded to `{name, message, code?, stack}` because `JSON.stringify(new Error())` is `{}`.
 *
 * @example
 * const logger = createJsonLinesLogger({ level: "info" });
 * logger.info("request", { method: "GET", status: 200 });
 */
export function createJsonLinesLogger(options: JsonLinesLoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const clock = options.clock ?? systemClock;
  const threshold = logLevels.indexOf(options.level);

  const build = (bound: LogFields): Logger => {
    const emit = (level: LogLevel, message: string, fields?: LogFields): void => {
      if (logLevels.indexOf(level) < threshold) return;
      const line = { time: clock.now().toISOString(), level, msg: message, ...bound, ...fields };
      write(`${JSON.stringify(line, replaceErrors)}\n`);
    };
    return {
      debug: (message, fields) => emit("debug", message, fields),
      info: (message, fields) => emit("info", message, fields),
      warn: (message, fields) => emit("warn", message, fields),
      error: (message, fields) => emit("error", message, fields),
      child: (fields) => build({ ...bound, ...fields }),
    };
  };
  return build({});
}

function replaceErrors(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const code = (value as { code?: unknown }).code;
  return {
    name: value.name,
    message: value.message,
    ...(code === undefined ? {} : { code }),
    stack: value.stack,
    ...(value.cause === undefined ? {} : { cause: value.cause }),
  };
}
