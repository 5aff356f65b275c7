/** Severity of a log line, lowest first; a logger drops lines below its configured level. */
export type LogLevel = "debug" | "info" | "warn" | "error";

export const logLevels: readonly LogLevel[] = ["debug", "info", "warn", "error"];

/** Structured context attached to a line (request id, user id, an `error` …). Values must be JSON-friendly or Errors. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * Structured logging, behind a port so services and the HTTP layer never pick a sink: JSON lines on stdout in
 * the embedded host, CloudWatch (which also reads stdout) on Lambda, a capturing fake in tests.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line it writes. */
  child(fields: LogFields): Logger;
}
