import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { guestLinkRepositoryContract } from "../../../test/support/contract/guest-link-repository.contract.js";
import { shareLinkRepositoryContract } from "../../../test/support/contract/share-link-repository.contract.js";
import { type DynamoDbLocal, startDynamoDbLocal } from "../../../test/support/dynamodb-local.js";
import { at } from "../../../test/support/fixtures.js";
import { makeGuestLink, makeShareLink } from "../../../test/support/link-fixtures.js";
import { DynamoGuestLinkRepository } from "./dynamo-guest-link.repository.js";
import { DynamoShareLinkRepository } from "./dynamo-share-link.repository.js";
import { EXPIRED_LINK_RETENTION_SECONDS } from "./link-items.js";

// One DynamoDB Local per file; a fresh table per case.
let local: DynamoDbLocal;
before(async () => {
  local = await startDynamoDbLocal();
});
after(() => local?.stop());

async function freshTable() {
  const tableName = await local.createTable();
  return {
    tableName,
    options: { client: local.documents, tableName },
    close: () => local.deleteTable(tableName),
  };
}

shareLinkRepositoryContract("DynamoShareLinkRepository", async () => {
  const { options, close } = await freshTable();
  return { repo: DynamoShareLinkRepository.create(options), close };
});

guestLinkRepositoryContract("DynamoGuestLinkRepository", async () => {
  const { options, close } = await freshTable();
  return { repo: DynamoGuestLinkRepository.create(options), close };
});

/** Every item in the table by partition key, in code-unit order (a Scan is fine on a test's tiny table). */
async function allItems(tableName: string): Promise<Record<string, unknown>[]> {
  const out = await local.documents.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
  const pk = (item: Record<string, unknown>) => String(item.PK);
  return (out.Items ?? []).sort((a, b) => (pk(a) < pk(b) ? -1 : pk(a) > pk(b) ? 1 : 0));
}

describe("DynamoDB link repositories on DynamoDB only", () => {
  it("gives a share link and its token reservation the same TTL: the retention period after expiry", async () => {
    const { tableName, options, close } = await freshTable();
    try {
      const repo = DynamoShareLinkRepository.create(options);
      await repo.create(makeShareLink({ id: "s1", expiresAt: at(3600) }));
      const expected = Math.ceil(at(3600).getTime() / 1000) + EXPIRED_LINK_RETENTION_SECONDS;
      assert.deepEqual(
        (await allItems(tableName)).map((item) => [item.PK, item.ttl]),
        [
          ["SHARE#s1", expected],
          ["SHARE_TOKEN#hash-s1", expected],
        ],
      );
    } finally {
      await close();
    }
  });

  it("keeps an expired link listable and findable until DynamoDB deletes it", async () => {
    const { options, close } = await freshTable();
    try {
      const repo = DynamoGuestLinkRepository.create(options);
      await repo.create(makeGuestLink({ id: "g1", expiresAt: at(10) }));
      assert.equal(await repo.reserveUpload("g1", 1, at(11)), undefined, "expired links take no uploads");
      assert.equal((await repo.findByTokenHash("hash-g1"))?.id, "g1");
      const listed = await repo.listByEvent("event-1", { limit: 5 });
      assert.deepEqual(
        listed.items.map((link) => link.id),
        ["g1"],
      );
    } finally {
      await close();
    }
  });

  it("lets concurrent reservations fill the byte cap exactly, never past it", async () => {
    const { options, close } = await freshTable();
    try {
      const repo = DynamoGuestLinkRepository.create(options);
      await repo.create(makeGuestLink({ id: "g1", maxBytes: 1000 }));
      const results = await Promise.all(
        Array.from({ length: 12 }, () => repo.reserveUpload("g1", 100, at(1))),
      );
      assert.equal(results.filter((link) => link !== undefined).length, 10);
      const stored = await repo.get("g1");
      assert.deepEqual([stored?.uploads, stored?.bytes], [10, 1000]);
    } finally {
      await close();
    }
  });

  it("keeps an uncapped guest link's counters exact and its caps absent", async () => {
    const { options, close } = await freshTable();
    try {
      const repo = DynamoGuestLinkRepository.create(options);
      await repo.create(makeGuestLink({ id: "g1" }));
      await repo.reserveUpload("g1", 5_000_000_000, at(1));
      const reserved = await repo.reserveUpload("g1", 7, at(2));
      assert.deepEqual(reserved, makeGuestLink({ id: "g1", uploads: 2, bytes: 5_000_000_007 }));
    } finally {
      await close();
    }
  });

  it("works through the AWS host's client (removeUndefinedValues)", async () => {
    const { tableName, close } = await freshTable();
    try {
      const client = local.documentsWith({ marshallOptions: { removeUndefinedValues: true } });
      const repo = DynamoShareLinkRepository.create({ client, tableName });
      const link = makeShareLink({ id: "s1", target: { kind: "event", eventId: "e1" }, passwordHash: "x" });
      await repo.create(link);
      assert.deepEqual(await repo.findByTokenHash("hash-s1"), link);
    } finally {
      await close();
    }
  });
});
