import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { eventRepositoryContract } from "../../../test/support/contract/event-repository.contract.js";
import { photoRepositoryContract } from "../../../test/support/contract/photo-repository.contract.js";
import { type DynamoDbLocal, startDynamoDbLocal } from "../../../test/support/dynamodb-local.js";
import { at, makeEvent, makePhoto, organizerOf, processedFields } from "../../../test/support/fixtures.js";
import { ConflictError } from "../../domain/errors.js";
import { DynamoEventRepository } from "./dynamo-event.repository.js";
import { DynamoPhotoRepository } from "./dynamo-photo.repository.js";
import { MAX_INDEXED_LABELS } from "./photo-items.js";

// One DynamoDB Local per file; a fresh table per case (~50 ms to create and drop in memory).
let local: DynamoDbLocal;
before(async () => {
  local = await startDynamoDbLocal();
});
after(() => local?.stop());

/** A fresh table, dropped on close; the repositories use the SDK's default marshalling unless told. */
async function freshTable(documents?: DynamoDBDocumentClient) {
  const tableName = await local.createTable();
  const options = { client: documents ?? local.documents, tableName };
  return { tableName, options, close: () => local.deleteTable(tableName) };
}

photoRepositoryContract("DynamoPhotoRepository", async () => {
  const { options, close } = await freshTable();
  return { repo: DynamoPhotoRepository.create(options), close };
});

eventRepositoryContract("DynamoEventRepository", async () => {
  const { options, close } = await freshTable();
  return { repo: DynamoEventRepository.create(options), close };
});

/** Every item in the table, as `PK | SK` strings, sorted (a Scan is fine on a test's tiny table). */
async function allKeys(tableName: string): Promise<string[]> {
  const out = await local.documents.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
  return (out.Items ?? []).map((item) => `${item.PK} | ${item.SK}`).sort();
}

const labels = (...names: string[]) => names.map((name, i) => ({ name, confidence: 0.99 - i / 100 }));

describe("DynamoPhotoRepository on DynamoDB only", () => {
  it("leaves no item behind when a photo is deleted: its label entries, uploader entry, claim and claim note go too", async () => {
    const { tableName, options, close } = await freshTable();
    try {
      const repo = DynamoPhotoRepository.create(options);
      await repo.create(makePhoto({ id: "p1", status: "ready", labels: labels("dog", "cake") }));
      await repo.claimContent({ scope: "event:event-1", sha256: "ab".repeat(32), photoId: "p1" });
      assert.equal(
        (await allKeys(tableName)).length,
        1 + 2 * 2 + 1 + 2,
        "photo, 2 labels × 2 scopes, uploader entry, claim + note",
      );
      await repo.delete("p1");
      assert.deepEqual(await allKeys(tableName), []);
    } finally {
      await close();
    }
  });

  it("moves the claim note to the new holder when a claim is taken over, so deleting the old one keeps it", async () => {
    const { options, close } = await freshTable();
    try {
      const repo = DynamoPhotoRepository.create(options);
      const claim = { scope: "event:event-1", sha256: "cd".repeat(32) };
      await repo.create(makePhoto({ id: "old" }));
      await repo.claimContent({ ...claim, photoId: "old" });
      assert.equal(await repo.claimContent({ ...claim, photoId: "new" }, { replacing: "old" }), "new");
      await repo.delete("old");
      assert.equal(await repo.claimContent({ ...claim, photoId: "third" }), "new");
    } finally {
      await close();
    }
  });

  it("applies exactly one of many simultaneous transitions out of pending", async () => {
    const { options, close } = await freshTable();
    try {
      const repo = DynamoPhotoRepository.create(options);
      await repo.create(makePhoto({ id: "p1" }));
      const attempts = ["a", "b", "c", "d", "e"].map((etag) =>
        repo.transition("p1", ["pending"], { status: "ready", etag, labels: labels(`label-${etag}`) }),
      );
      const applied = (await Promise.all(attempts)).filter((photo) => photo !== undefined);
      assert.equal(applied.length, 1);
      const winner = applied[0]!;
      assert.deepEqual(await repo.get("p1"), winner);
      const labelled = await repo.listByLabel({ eventId: "event-1" }, `label-${winner.etag}`, { limit: 5 });
      assert.deepEqual(
        labelled.items.map((photo) => photo.id),
        ["p1"],
      );
    } finally {
      await close();
    }
  });

  it("keeps the label index equal to the photo's labels when label changes race each other", async () => {
    const { options, close } = await freshTable();
    try {
      const repo = DynamoPhotoRepository.create(options);
      await repo.create(makePhoto({ id: "p1", status: "ready", labels: labels("start") }));
      const names = ["a", "b", "c", "d", "e"];
      await Promise.all(names.map((name) => repo.transition("p1", ["ready"], { labels: labels(name) })));
      const final = (await repo.get("p1"))?.labels?.map((label) => label.name);
      const indexed: string[] = [];
      for (const name of ["start", ...names]) {
        const page = await repo.listByLabel({ eventId: "event-1" }, name, { limit: 5 });
        if (page.items.length > 0) indexed.push(name);
      }
      assert.deepEqual(indexed, final);
    } finally {
      await close();
    }
  });

  it(`indexes a photo's ${MAX_INDEXED_LABELS} most confident labels and keeps them all on the photo`, async () => {
    const { options, close } = await freshTable();
    try {
      const repo = DynamoPhotoRepository.create(options);
      const many = labels(...Array.from({ length: 30 }, (_, i) => `thing-${i}`));
      await repo.create(makePhoto({ id: "p1", status: "ready" }));
      const updated = await repo.transition("p1", ["ready"], { labels: many });
      assert.deepEqual(updated?.labels, many);
      const found = async (name: string) =>
        (await repo.listByLabel({ ownerId: "user-1" }, name, { limit: 5 })).items.length;
      assert.equal(await found(`thing-${MAX_INDEXED_LABELS - 1}`), 1);
      assert.equal(await found(`thing-${MAX_INDEXED_LABELS}`), 0);
      const others = labels(...Array.from({ length: 30 }, (_, i) => `other-${i}`));
      await repo.transition("p1", ["ready"], { labels: others });
      assert.equal(await found("thing-0"), 0, "every old entry replaced in one transaction");
      assert.equal(await found("other-0"), 1);
    } finally {
      await close();
    }
  });

  it("stores nested values with undefined members through a client that refuses undefined", async () => {
    const { options, close } = await freshTable();
    try {
      const repo = DynamoPhotoRepository.create(options);
      await repo.create(makePhoto({ id: "p1", camera: { make: "Fujifilm", model: undefined } }));
      assert.deepEqual((await repo.get("p1"))?.camera, { make: "Fujifilm" });
    } finally {
      await close();
    }
  });

  it("works through the AWS host's client (removeUndefinedValues)", async () => {
    const documents = local.documentsWith({ marshallOptions: { removeUndefinedValues: true } });
    const { options, close } = await freshTable(documents);
    try {
      const repo = DynamoPhotoRepository.create(options);
      const photo = makePhoto({ id: "p1", status: "ready", ...processedFields("p1") });
      await repo.create(photo);
      assert.deepEqual(await repo.get("p1"), photo);
      const cleared = await repo.transition("p1", ["ready"], { gps: undefined, title: undefined });
      assert.deepEqual(await repo.get("p1"), cleared);
      assert.equal(cleared !== undefined && "gps" in cleared, false);
    } finally {
      await close();
    }
  });

  it("drops a photo from the pending-uploads index once it leaves pending", async () => {
    const { tableName, options, close } = await freshTable();
    try {
      const repo = DynamoPhotoRepository.create(options);
      await repo.create(makePhoto({ id: "p1", uploadExpiresAt: at(1) }));
      await repo.transition("p1", ["pending"], { status: "ready" });
      const out = await local.documents.send(new ScanCommand({ TableName: tableName, IndexName: "GSI5" }));
      assert.deepEqual(out.Items, []);
    } finally {
      await close();
    }
  });
});

describe("DynamoEventRepository on DynamoDB only", () => {
  it("lets exactly one of many events created at once with the same invite code have it, and keeps nothing of the others", async () => {
    const { tableName, options, close } = await freshTable();
    try {
      const repo = DynamoEventRepository.create(options);
      const events = ["e1", "e2", "e3", "e4", "e5"].map((id) =>
        makeEvent({ id, inviteCode: "SAME", organizerId: `organizer-${id}` }),
      );
      const results = await Promise.allSettled(events.map((event) => repo.create(event, organizerOf(event))));
      const created = results.flatMap((result, i) => (result.status === "fulfilled" ? [events[i]!] : []));
      assert.equal(created.length, 1);
      for (const result of results) {
        if (result.status === "rejected") assert.ok(result.reason instanceof ConflictError);
      }
      const winner = created[0]!;
      assert.deepEqual(await repo.findByInviteCode("SAME"), winner);
      assert.deepEqual(await allKeys(tableName), [
        `EVENT#${winner.id} | ATTENDEE#${winner.organizerId}`,
        `EVENT#${winner.id} | EVENT`,
        "INVITE_CODE#SAME | INVITE_CODE",
      ]);
    } finally {
      await close();
    }
  });

  it("lets exactly one of two events switching to the same new code at once take it, and frees the old code", async () => {
    const { options, close } = await freshTable();
    try {
      const repo = DynamoEventRepository.create(options);
      for (const id of ["e1", "e2"]) {
        const event = makeEvent({ id });
        await repo.create(event, organizerOf(event));
      }
      const results = await Promise.allSettled([
        repo.updateInviteCode("e1", "WANTED"),
        repo.updateInviteCode("e2", "WANTED"),
      ]);
      assert.deepEqual(results.map((result) => result.status).sort(), ["fulfilled", "rejected"]);
      const holder = await repo.findByInviteCode("WANTED");
      assert.ok(holder !== undefined);
      assert.equal(await repo.findByInviteCode(`CODE-${holder.id}`), undefined);
      const loser = holder.id === "e1" ? "e2" : "e1";
      assert.equal((await repo.findByInviteCode(`CODE-${loser}`))?.id, loser);
    } finally {
      await close();
    }
  });
});
