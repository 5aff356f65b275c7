import BetterSqlite3 from "better-sqlite3";

/** True when `error` is SQLite refusing a write because of the given kind of constraint. */
export function isConstraintViolation(error: unknown, kind: "PRIMARYKEY" | "UNIQUE" | "FOREIGNKEY"): boolean {
  return error instanceof BetterSqlite3.SqliteError && error.code === `SQLITE_CONSTRAINT_${kind}`;
}
