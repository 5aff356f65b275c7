/**
 * Keyset pagination on a large event: a page of 50 deep into 1,000,000 photos, through the repository,
 * compared with a page of an event of 1,000 photos in the same database (target ≤ 1.5×, and ≤ 0.5 ms),
 * with the large event's first page (should be ~1×), and with the OFFSET query it replaces, measured in
 * the same run. The capture-time timeline (`listByEventTimeline`, ordered by `timeline_at`) is measured the
 * same way, at the same depths, against the same baselines. Run: `node --conditions=source --import tsx packages/server/src/adapters/sqlite/photo-pagination.bench.ts [rows]`
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { makePhoto, T0 } from "../../../test/support/fixtures.js";
import { openDatabase } from "./database.js";
import { namedParameters } from "./named-parameters.js";
import { PHOTO_COLUMNS, photoToRow } from "./photo-rows.js";
import { SqlitePhotoRepository } from "./sqlite-photo.repository.js";

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shoebox-bench-"));
const db = openDatabase(path.join(dir, "bench.db"));
try {
  const repo = SqlitePhotoRepository.open(db);
  const insert = db.prepare(
    `INSERT INTO photos (${PHOTO_COLUMNS}) VALUES (${namedParameters(PHOTO_COLUMNS)})`,
  );
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      // Ten photos per millisecond, so ties on createdAt are common, as in a burst of uploads.
      const createdAt = new Date(T0.getTime() + Math.floor(i / 10));
      // Capture times in another order than uploads (a stride through a year), one in ten without EXIF.
      const takenAt = i % 10 === 0 ? undefined : new Date(T0.getTime() - ((i * 7919) % 31_536_000) * 1000);
      insert.run(
        photoToRow(
          makePhoto({
            id: `p${String(i).padStart(8, "0")}`,
            ownerId: `u${i % 500}`,
            createdAt,
            ...(takenAt === undefined ? {} : { takenAt }),
          }),
        ),
      );
    }
  })();
  const SMALL_EVENT = 1_000;
  db.transaction(() => {
    for (let i = 0; i < SMALL_EVENT; i++) {
      const createdAt = new Date(T0.getTime() + i);
      insert.run(
        photoToRow(makePhoto({ id: `s${String(i).padStart(8, "0")}`, eventId: "event-small", createdAt })),
      );
    }
  })();
  console.log(`inserted ${rows} photos in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const cursorAtDepth = async (depth: number, eventId = "event-1", timeline = false) => {
    let cursor: string | undefined;
    const step = 100;
    for (let read = 0; read < depth; read += step) {
      const page = cursor ? { limit: step, cursor } : { limit: step };
      cursor = (
        timeline ? await repo.listByEventTimeline(eventId, page) : await repo.listByEvent(eventId, page)
      ).nextCursor;
    }
    return cursor;
  };
  const perCall = async (fn: () => unknown, iterations = 2000) => {
    for (let i = 0; i < 200; i++) await fn();
    const t = performance.now();
    for (let i = 0; i < iterations; i++) await fn();
    return ((performance.now() - t) / iterations) * 1000;
  };

  const smallCursor = await cursorAtDepth(SMALL_EVENT / 2, "event-small");
  const small = await perCall(() => repo.listByEvent("event-small", { limit: 50, cursor: smallCursor! }));
  console.log(
    `event of ${SMALL_EVENT} photos, page of 50 at depth ${SMALL_EVENT / 2}: ${small.toFixed(1)} µs`,
  );
  const first = await perCall(() => repo.listByEvent("event-1", { limit: 50 }));
  console.log(
    `event of ${rows} photos, first page of 50: ${first.toFixed(1)} µs (${(first / small).toFixed(2)}× the ${SMALL_EVENT}-photo event)`,
  );
  const offset = db.prepare(
    `SELECT ${PHOTO_COLUMNS} FROM photos WHERE event_id = ? ORDER BY created_at DESC, id DESC LIMIT 50 OFFSET ?`,
  );
  for (const depth of [1_000, 100_000, Math.floor(rows * 0.9)]) {
    const cursor = await cursorAtDepth(depth);
    const keyset = await perCall(() => repo.listByEvent("event-1", { limit: 50, cursor: cursor! }));
    const skipping = await perCall(() => offset.all("event-1", depth), depth > 10_000 ? 20 : 500);
    console.log(
      `depth ${depth}: keyset ${keyset.toFixed(1)} µs (${(keyset / small).toFixed(2)}× the ${SMALL_EVENT}-photo event, ${(keyset / first).toFixed(2)}× first page; target ≤ 1.5×, ≤ 500 µs), ` +
        `OFFSET ${skipping.toFixed(1)} µs (${(skipping / keyset).toFixed(0)}× keyset)`,
    );
  }
  const timelineFirst = await perCall(() => repo.listByEventTimeline("event-1", { limit: 50 }));
  console.log(
    `timeline (capture time), first page of 50: ${timelineFirst.toFixed(1)} µs (${(timelineFirst / first).toFixed(2)}× the upload-order first page)`,
  );
  for (const depth of [1_000, 100_000, Math.floor(rows * 0.9)]) {
    const cursor = await cursorAtDepth(depth, "event-1", true);
    const byUpload = await cursorAtDepth(depth);
    const keyset = await perCall(() => repo.listByEventTimeline("event-1", { limit: 50, cursor: cursor! }));
    const uploadOrder = await perCall(() => repo.listByEvent("event-1", { limit: 50, cursor: byUpload! }));
    console.log(
      `timeline depth ${depth}: keyset ${keyset.toFixed(1)} µs (${(keyset / small).toFixed(2)}× the ${SMALL_EVENT}-photo event, ` +
        `${(keyset / uploadOrder).toFixed(2)}× the upload order at the same depth (${uploadOrder.toFixed(1)} µs); target ≤ 500 µs)`,
    );
  }
  const timelinePlan = db
    .prepare(
      `EXPLAIN QUERY PLAN SELECT id FROM photos WHERE event_id = ? AND (timeline_at, id) < (?, ?) ORDER BY timeline_at DESC, id DESC LIMIT 50`,
    )
    .all("event-1", 0, "x");
  console.log("timeline plan:", timelinePlan.map((step) => (step as { detail: string }).detail).join(" | "));
  const plan = db
    .prepare(
      `EXPLAIN QUERY PLAN SELECT id FROM photos WHERE event_id = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT 50`,
    )
    .all("event-1", 0, "x");
  console.log("plan:", plan.map((step) => (step as { detail: string }).detail).join(" | "));
} finally {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
