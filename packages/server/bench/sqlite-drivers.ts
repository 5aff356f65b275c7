/**
 * better-sqlite3 (what the embedded host uses) against Node's built-in `node:sqlite`, on the statements of
 * the two hot paths: a gallery page (keyset page of 50 from a large event, first page and deep) and an
 * upload ticket (the attendance lookup, then the pending-photo insert in its own commit, and in a
 * group commit of 50). Both drivers open the same WAL file with the same pragmas; each figure is the
 * median of rounds run alternately, and the result is a ratio node:sqlite / better-sqlite3 in this run.
 *
 * Needs Node ≥ 22.13 (node:sqlite without a flag); on older Node it says so and exits.
 * Run: `node --conditions=source --import tsx packages/server/bench/sqlite-drivers.ts [rows]`.
 * SHOEBOX_BENCH_BETTER_SQLITE3_ADDON: a better_sqlite3.node built for this Node, when node_modules holds
 * another Node's build (as while CI runs the suites on another Node).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import BetterSqlite3 from "better-sqlite3";
import { median } from "./measure.js";

/** The part of node:sqlite used here (the installed @types/node describes Node 20, which has none). */
interface NodeSqliteStatement {
  all(params?: object): unknown[];
  get(...params: unknown[]): unknown;
  run(params?: object): unknown;
  setReturnArrays?(enabled: boolean): void;
}
interface NodeSqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): NodeSqliteStatement;
  close(): void;
}
type NodeSqlite = { DatabaseSync: new (file: string) => NodeSqliteDatabase };

const nodeSqlite = await import("node:sqlite" as string).then(
  (m) => m as NodeSqlite,
  () => undefined,
);
if (!nodeSqlite) {
  console.log(`sqlite drivers: skipped, node:sqlite is not available on Node ${process.version}`);
  process.exit(0);
}

const ROWS = Number(process.argv[2] ?? 200_000);
const ROUNDS = 7;
const PRAGMAS = [
  "journal_mode = WAL",
  "synchronous = NORMAL",
  "foreign_keys = ON",
  "busy_timeout = 5000",
  "cache_size = -65536",
];
const SCHEMA = `
  CREATE TABLE photos (
    id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, event_id TEXT, object_key TEXT NOT NULL,
    filename TEXT NOT NULL, content_type TEXT NOT NULL, declared_size INTEGER NOT NULL, status TEXT NOT NULL,
    width INTEGER, height INTEGER, blurhash TEXT, variants TEXT, labels TEXT,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, upload_expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX photos_by_event ON photos (event_id, created_at DESC, id DESC) WHERE event_id IS NOT NULL;
  CREATE INDEX photos_by_owner ON photos (owner_id, created_at DESC, id DESC);
  CREATE INDEX photos_pending_by_expiry ON photos (upload_expires_at) WHERE status = 'pending';
  CREATE TABLE attendance (event_id TEXT NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL,
    PRIMARY KEY (event_id, user_id)) STRICT, WITHOUT ROWID;`;
const COLUMNS =
  "id, owner_id, event_id, object_key, filename, content_type, declared_size, status, width, height, " +
  "blurhash, variants, labels, created_at, updated_at, upload_expires_at";
const INSERT = `INSERT INTO photos (${COLUMNS}) VALUES (${COLUMNS.split(", ")
  .map((c) => `@${c}`)
  .join(", ")})`;
const PAGE = `SELECT ${COLUMNS} FROM photos WHERE event_id = @event ORDER BY created_at DESC, id DESC LIMIT 51`;
const PAGE_AFTER = `SELECT ${COLUMNS} FROM photos WHERE event_id = @event AND (created_at, id) < (@time, @id)
  ORDER BY created_at DESC, id DESC LIMIT 51`;
const ATTENDANCE = "SELECT role FROM attendance WHERE event_id = ? AND user_id = ?";
const T0 = Date.parse("2026-06-01T12:00:00Z");

let nextId = 0;
function photo(event: string, createdAt: number) {
  const id = `p${String(nextId++).padStart(9, "0")}`;
  return {
    id,
    owner_id: `u${nextId % 500}`,
    event_id: event,
    object_key: `uploads/event_${event}/${id}.jpg`,
    filename: "IMG_0001.jpg",
    content_type: "image/jpeg",
    declared_size: 3_000_000,
    status: "ready",
    width: 4000,
    height: 3000,
    blurhash: "LEHV6nWB2yk8pyo0adR*.7kCMdnj",
    variants: '{"thumb":"variants/x/thumb.webp","web":"variants/x/web.webp"}',
    labels: '["person","dog"]',
    created_at: createdAt,
    updated_at: createdAt,
    upload_expires_at: createdAt + 3_600_000,
  };
}

/** µs per call, over `iterations` calls, synchronously (both drivers are synchronous). */
function timeOnce(fn: () => unknown, iterations: number): number {
  const started = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return ((performance.now() - started) * 1000) / iterations;
}

/** Runs the two drivers' versions of one operation alternately; returns the median µs per call of each. */
function compare(better: () => unknown, builtIn: () => unknown, iterations: number) {
  timeOnce(better, iterations); // warm-up: JIT, page cache
  timeOnce(builtIn, iterations);
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    a.push(timeOnce(better, iterations));
    b.push(timeOnce(builtIn, iterations));
  }
  const betterUs = median(a);
  const builtInUs = median(b);
  return {
    betterSqlite3Us: Number(betterUs.toFixed(2)),
    nodeSqliteUs: Number(builtInUs.toFixed(2)),
    ratio: Number((builtInUs / betterUs).toFixed(2)),
  };
}

const dir = mkdtempSync(join(tmpdir(), "shoebox-sqlite-drivers-"));
const file = join(dir, "bench.db");
const addon = process.env.SHOEBOX_BENCH_BETTER_SQLITE3_ADDON;
const better = new BetterSqlite3(file, addon ? { nativeBinding: addon } : {});
const builtIn = new nodeSqlite.DatabaseSync(file);
try {
  for (const pragma of PRAGMAS) better.pragma(pragma);
  for (const pragma of PRAGMAS) builtIn.exec(`PRAGMA ${pragma}`);
  better.exec(SCHEMA);

  const started = performance.now();
  const fill = better.prepare(INSERT);
  better.transaction(() => {
    // Ten photos per millisecond, as in a burst of uploads.
    for (let i = 0; i < ROWS; i++) fill.run(photo("event-big", T0 + Math.floor(i / 10)));
    const attend = better.prepare("INSERT INTO attendance VALUES (?, ?, 'attendee')");
    for (let i = 0; i < 1000; i++) attend.run("event-big", `u${i}`);
  })();
  better.pragma("wal_checkpoint(TRUNCATE)");
  console.log(`filled ${ROWS} photos in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // The statements, prepared once per driver, as the repositories do. better-sqlite3 reads rows as arrays
  // (`.raw()`, as the repository does); node:sqlite does too where it can (`setReturnArrays`, Node ≥ 24).
  const deep = better
    .prepare<[string, number], { created_at: number; id: string }>(
      "SELECT created_at, id FROM photos WHERE event_id = ? ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?",
    )
    .get("event-big", Math.floor(ROWS / 2))!;
  const cursor = { event: "event-big", time: deep.created_at, id: deep.id };
  const b = {
    page: better.prepare(PAGE).raw(),
    pageAfter: better.prepare(PAGE_AFTER).raw(),
    attendance: better.prepare<[string, string]>(ATTENDANCE).pluck(),
    insert: better.prepare(INSERT),
  };
  const n = {
    page: builtIn.prepare(PAGE),
    pageAfter: builtIn.prepare(PAGE_AFTER),
    attendance: builtIn.prepare(ATTENDANCE),
    insert: builtIn.prepare(INSERT),
    begin: builtIn.prepare("BEGIN"),
    commit: builtIn.prepare("COMMIT"),
  };
  const arrays = typeof n.page.setReturnArrays === "function";
  n.page.setReturnArrays?.(true);
  n.pageAfter.setReturnArrays?.(true);

  const insertOneBetter = better.transaction(() => b.insert.run(photo("event-new", Date.now())));
  const insertFiftyBetter = better.transaction(() => {
    for (let i = 0; i < 50; i++) b.insert.run(photo("event-new", Date.now()));
  });
  const inTransaction = (fn: () => void) => () => {
    n.begin.run();
    try {
      fn();
      n.commit.run();
    } catch (error) {
      builtIn.exec("ROLLBACK");
      throw error;
    }
  };
  const insertOneBuiltIn = inTransaction(() => n.insert.run(photo("event-new", Date.now())));
  const insertFiftyBuiltIn = inTransaction(() => {
    for (let i = 0; i < 50; i++) n.insert.run(photo("event-new", Date.now()));
  });

  const results = {
    galleryFirstPage: compare(
      () => b.page.all({ event: "event-big" }),
      () => n.page.all({ event: "event-big" }),
      2000,
    ),
    galleryPageAtHalfDepth: compare(
      () => b.pageAfter.all(cursor),
      () => n.pageAfter.all(cursor),
      2000,
    ),
    ticketAttendanceLookup: compare(
      () => b.attendance.get("event-big", "u7"),
      () => n.attendance.get("event-big", "u7"),
      20_000,
    ),
    ticketPendingInsertOwnCommit: compare(insertOneBetter, insertOneBuiltIn, 500),
    ticketPendingInsertGroupOf50: compare(insertFiftyBetter, insertFiftyBuiltIn, 50),
  };

  const report = {
    node: process.version,
    sqliteVersions: {
      betterSqlite3: better.prepare("SELECT sqlite_version()").pluck().get(),
      nodeSqlite: (builtIn.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v,
    },
    rows: ROWS,
    rounds: ROUNDS,
    nodeSqliteRowsAsArrays: arrays,
    results,
  };
  console.log(`
better-sqlite3 vs node:sqlite on Node ${process.version} (${ROWS} photos in one event; median of ${ROUNDS} alternating rounds; ratio = node:sqlite / better-sqlite3)
${Object.entries(results)
  .map(
    ([name, r]) =>
      `  ${name.padEnd(30)} better-sqlite3 ${String(r.betterSqlite3Us).padStart(8)} µs   node:sqlite ${String(r.nodeSqliteUs).padStart(8)} µs   ratio ${r.ratio}`,
  )
  .join("\n")}
  node:sqlite rows as arrays: ${arrays ? "yes" : "no (objects; setReturnArrays needs a newer Node)"}`);
  const out = new URL("../bench-results/", import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  writeFileSync(`${out}sqlite-drivers-${process.version}.json`, `${JSON.stringify(report, null, 2)}\n`);
} finally {
  better.close();
  builtIn.close();
  rmSync(dir, { recursive: true, force: true });
}
