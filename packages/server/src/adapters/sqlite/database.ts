import BetterSqlite3 from "better-sqlite3";

export type Database = BetterSqlite3.Database;

/** How long a writer waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;
/**
 * Page cache per connection, in KiB (SQLite's default is 2 MiB). Photos carry five secondary indexes keyed
 * by random ids and times; once they outgrow 2 MiB, every insert and keyed read starts paging through the
 * OS, which under upload bursts roughly doubles their cost.
 */
const CACHE_KIB = 64 * 1024;

/**
 * Opens (creating if needed) the embedded host's one SQLite file, shared by every embedded adapter
 * (repositories, identity, job queue). WAL lets readers proceed during a write; `synchronous = NORMAL` is
 * durable against application crashes and costs one fsync per checkpoint rather than per commit; foreign
 * keys are off by default in SQLite and must be switched on per connection. Each adapter then creates its
 * own tables (see `applyMigrations`).
 *
 * @example const db = openDatabase("data/shoebox.db"); const photos = SqlitePhotoRepository.open(db);
 */
export function openDatabase(file: string): Database {
  const db = new BetterSqlite3(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma(`cache_size = -${CACHE_KIB}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
