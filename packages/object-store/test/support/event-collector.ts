import type { S3EventMessage, S3EventRecord } from "../../src/events/event-types.js";

/** Collects the records a store delivers; `until(predicate)` resolves once a delivered record satisfies it. */
export function eventCollector() {
  const records: S3EventRecord[] = [];
  const waiting: { predicate: (r: S3EventRecord) => boolean; resolve: () => void }[] = [];
  return {
    records,
    subscriber: async (message: S3EventMessage) => {
      records.push(...message.Records);
      for (const w of [...waiting]) {
        if (records.some(w.predicate)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve();
        }
      }
    },
    until(predicate: (r: S3EventRecord) => boolean): Promise<void> {
      if (records.some(predicate)) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ predicate, resolve }));
    },
  };
}

/**
 * Events are delivered in journal order, so once a marker written after the operation under test has
 * been delivered, every event the operation journaled has been delivered too.
 */
export const isCreationOf = (key: string) => (r: S3EventRecord) =>
  r.eventName.startsWith("ObjectCreated:") &&
  decodeURIComponent(r.s3.object.key.replaceAll("+", " ")) === key;
