import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createAppHarness } from "../../test/support/app-harness.js";
import { at, makePhoto } from "../../test/support/fixtures.js";
import { principal } from "../../test/support/principals.js";
import type { Photo } from "../domain/photo.js";

const labelled = (...names: string[]) => names.map((name) => ({ name, confidence: 0.9 }));

/** An event of alice's that bob attends, with four ready photos uploaded in one order and taken in another. */
async function browseFixture() {
  const harness = createAppHarness();
  const event = await harness.eventWith("alice", ["bob"]);
  const bob = principal("bob").userId;
  const photo = (id: string, fields: Partial<Photo>) =>
    harness.photoRepository.create(
      makePhoto({
        ownerId: bob,
        status: "ready",
        objectKey: `uploads/event_${event.id}/${id}.jpg`,
        ...fields,
        id,
        eventId: event.id,
      }),
    );
  await photo("p-beach", {
    createdAt: at(50),
    takenAt: at(-86_400),
    takenAtOffset: "+02:00",
    labels: labelled("horse", "person"),
  });
  await photo("p-cake", { createdAt: at(20), takenAt: at(-3600), labels: labelled("cake", "person") });
  await photo("p-field", { createdAt: at(30), labels: labelled("horse") });
  await photo("p-hidden", {
    createdAt: at(40),
    status: "hidden",
    ownerId: "someone-else",
    labels: labelled("horse", "person"),
  });
  return { ...harness, event };
}

const ids = (body: { items: { id: string }[] }) => body.items.map((photo) => photo.id);

describe("HTTP app: browsing (timeline, label suggestions, label search)", () => {
  it("orders the gallery by capture time with ?order=captured and by upload time by default", async () => {
    const { call, event } = await browseFixture();
    const timeline = await call("GET", `/api/events/${event.id}/photos?order=captured`, { as: "bob" });
    assert.equal(timeline.status, 200);
    assert.deepEqual(ids(timeline.body), ["p-field", "p-cake", "p-beach"]);
    assert.equal(timeline.body.items[2].takenAtOffset, "+02:00");
    assert.equal(timeline.body.items[0].takenAtOffset, null);
    const added = await call("GET", `/api/events/${event.id}/photos`, { as: "bob" });
    assert.deepEqual(ids(added.body), ["p-beach", "p-field", "p-cake"]);
    const recently = await call("GET", `/api/events/${event.id}/photos?order=added`, { as: "bob" });
    assert.deepEqual(ids(recently.body), ids(added.body));
  });

  it("pages through the timeline with its cursor", async () => {
    const { call, event } = await browseFixture();
    const first = await call("GET", `/api/events/${event.id}/photos?order=captured&limit=2`, { as: "bob" });
    assert.deepEqual(ids(first.body), ["p-field", "p-cake"]);
    const cursor = encodeURIComponent(first.body.nextCursor);
    const second = await call(
      "GET",
      `/api/events/${event.id}/photos?order=captured&limit=2&cursor=${cursor}`,
      {
        as: "bob",
      },
    );
    assert.deepEqual(ids(second.body), ["p-beach"]);
    assert.equal(second.body.nextCursor, null);
  });

  it("refuses an unknown order with 400", async () => {
    const { call, event } = await browseFixture();
    const res = await call("GET", `/api/events/${event.id}/photos?order=random`, { as: "bob" });
    assert.equal(res.status, 400);
    assert.equal(typeof res.body.error.message, "string");
  });

  it("lists the event's labels with counts, most common first, to attendees only", async () => {
    const { call, event } = await browseFixture();
    const res = await call("GET", `/api/events/${event.id}/labels`, { as: "bob" });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.labels, [
      { name: "horse", count: 3 },
      { name: "person", count: 3 },
      { name: "cake", count: 1 },
    ]);
    const stranger = await call("GET", `/api/events/${event.id}/labels`, { as: "dave" });
    assert.equal(stranger.status, 403);
    const missing = await call("GET", "/api/events/nope/labels", { as: "bob" });
    assert.equal(missing.status, 404);
  });

  it("finds singular labels from plural, capitalised terms", async () => {
    const { call, event } = await browseFixture();
    const res = await call("GET", `/api/events/${event.id}/photos?label=Horses`, { as: "bob" });
    assert.equal(res.status, 200);
    assert.deepEqual(ids(res.body), ["p-beach", "p-field"]);
  });

  it("keeps only photos carrying every label asked for (AND), and none the caller may not see", async () => {
    const { call, event } = await browseFixture();
    const both = await call("GET", `/api/events/${event.id}/photos?labels=horses,People`, { as: "bob" });
    assert.equal(both.status, 200);
    assert.deepEqual(ids(both.body), ["p-beach"]);
    const organizer = await call("GET", `/api/events/${event.id}/photos?labels=horse,person`, {
      as: "alice",
    });
    assert.deepEqual(ids(organizer.body), ["p-beach", "p-hidden"]);
    const none = await call("GET", `/api/events/${event.id}/photos?labels=horse,cake`, { as: "bob" });
    assert.deepEqual(ids(none.body), []);
    const unknown = await call("GET", `/api/events/${event.id}/photos?labels=unicorn`, { as: "bob" });
    assert.deepEqual(ids(unknown.body), []);
  });

  it("refuses more than five labels or a malformed one with 400", async () => {
    const { call, event } = await browseFixture();
    const many = await call("GET", `/api/events/${event.id}/photos?labels=a,b,c,d,e,f`, { as: "bob" });
    assert.equal(many.status, 400);
    const bad = await call("GET", `/api/events/${event.id}/photos?labels=${encodeURIComponent("<b>")}`, {
      as: "bob",
    });
    assert.equal(bad.status, 400);
  });
});
