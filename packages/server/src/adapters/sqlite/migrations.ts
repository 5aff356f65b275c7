import type { Database } from "./database.js";

/**
 * One schema change of one component; applied once, in order, inside a transaction. Never edit a step
 * that has shipped: append a new one.
 */
export type Migration = (db: Database) => void;

/**
 * Brings `component`'s tables up to date. SQLite's single `user_version` cannot serve several adapters
 * sharing one file, so each component records its own version in `schema_versions`. Safe to call on every
 * start and from several adapters; concurrent openers serialise on the write lock (`BEGIN IMMEDIATE`).
 *
 * @example applyMigrations(db, "photos", [(db) => db.exec("CREATE TABLE photo (…)")]);
 */
export function applyMigrations(db: Database, component: string, migrations: readonly Migration[]): void {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT",
  );
  const readVersion = db.prepare<[string], { version: number }>(
    "SELECT version FROM schema_versions WHERE component = ?",
  );
  const writeVersion = db.prepare(
    "INSERT INTO schema_versions (component, version) VALUES (?, ?) " +
      "ON CONFLICT (component) DO UPDATE SET version = excluded.version",
  );
  db.transaction(() => {
    const current = readVersion.get(component)?.version ?? 0;
    if (current > migrations.length) {
      throw new Error(
        `The database's ${component} schema (v${current}) is newer than this code (v${migrations.length})`,
      );
    }
    for (let version = current; version < migrations.length; version++) {
      migrations[version]!(db);
      writeVersion.run(component, version + 1);
    }
  }).immediate();
}
