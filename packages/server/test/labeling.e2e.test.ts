import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { ApiClient, uploadWithTicket } from "./support/api-client.js";
import { HostHarness } from "./support/embedded-host-harness.js";

/** The offline models in the real host: a photo of a person comes back labelled and findable by label. */
describe("embedded host: labels from the offline models", () => {
  const harness = new HostHarness();
  let user: ApiClient;
  // NASA's public-domain portrait of astronaut Eileen Collins (see fixtures/photos/SOURCES.md).
  const astronaut = readFileSync(new URL("./fixtures/photos/astronaut.jpg", import.meta.url));

  before(async () => {
    await harness.start({}, { SHOEBOX_LABELING: "on" });
    user = await ApiClient.signUp(harness, "Lena");
  });
  after(() => harness.stop());

  it("labels a photo of a person and finds it by that label", async () => {
    const ticket = await user.call("POST", "/api/photos/initiate-upload", {
      filename: "astronaut.jpg",
      contentType: "image/jpeg",
      size: astronaut.length,
    });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.body));
    assert.equal((await uploadWithTicket(ticket.body, astronaut, "image/jpeg")).status, 204);
    const photo = await user.waitForPhoto(ticket.body.photoId, 60_000);
    assert.equal(photo.status, "ready", JSON.stringify(photo));
    const person = photo.labels.find((label: { name: string }) => label.name === "person");
    assert.ok(person, `labels: ${JSON.stringify(photo.labels)}`);
    assert.ok(person.confidence >= 0.4);

    const byLabel = await user.call("GET", "/api/photos?label=person");
    assert.deepEqual(
      byLabel.body.items.map((p: { id: string }) => p.id),
      [photo.id],
    );
    const none = await user.call("GET", "/api/photos?label=dog");
    assert.deepEqual(none.body.items, []);
  });
});
