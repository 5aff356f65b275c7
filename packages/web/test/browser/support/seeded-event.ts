import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import sharp from "sharp";
import { openDatabase } from "../../../../server/src/adapters/sqlite/database.js";
import { SqlitePhotoRepository } from "../../../../server/src/adapters/sqlite/sqlite-photo.repository.js";
import type { Photo } from "../../../../server/src/domain/photo.js";
import { ApiClient, signUpAndConfirm, uploadWithTicket } from "../../../../server/test/support/api-client.js";
import type { HostHarness } from "../../../../server/test/support/embedded-host-harness.js";

/** A signed-in organizer with an event whose photos are seeded, and how to sign a browser context in. */
export interface SeededEvent {
  eventId: string;
  /** Signs `context` in as the organizer (the web client's stored session), without the sign-up screens. */
  signIn(context: BrowserContext): Promise<void>;
}

/** What a seeded photo differs in; everything else is copied from a real, processed upload. */
export type SeedFields = Partial<Pick<Photo, "createdAt" | "takenAt" | "takenAtOffset" | "labels" | "title">>;

/**
 * An event with photos, made fast: a few real JPEGs go through the whole pipeline (upload ticket, store,
 * variants), then `fields.length` photo records are written straight into the embedded host's SQLite file
 * through the repository, each reusing one real photo's variants (so thumbnails and web images load). This
 * is how a gallery of 10,000 photos is seeded in seconds instead of uploaded.
 */
export async function seedEvent(
  host: { url: string; harness: HostHarness },
  fields: readonly SeedFields[],
  realUploads = 4,
): Promise<SeededEvent> {
  const email = `browse-${Date.now()}@example.test`;
  const tokens = await signUpAndConfirm(host.url, host.harness.mailbox, {
    email,
    password: "correct horse battery",
    name: "Robin",
  });
  const api = new ApiClient(host.url, tokens.idToken);
  const event = (await api.call("POST", "/api/events", { name: "Summer fair" })).body as { id: string };
  const realIds: string[] = [];
  for (let n = 0; n < realUploads; n++) {
    const jpeg = await sharp({
      create: {
        width: 1200,
        height: 800,
        channels: 3,
        background: { r: 40 + n * 50, g: 120, b: 200 - n * 40 },
      },
    })
      .jpeg({ quality: 80 })
      .toBuffer();
    const ticket = await api.call("POST", `/api/events/${event.id}/photos/initiate-upload`, {
      filename: `real-${n}.jpg`,
      contentType: "image/jpeg",
      size: jpeg.length,
    });
    await uploadWithTicket(ticket.body, jpeg, "image/jpeg");
    realIds.push(ticket.body.photoId);
  }
  for (const id of realIds) await api.waitForPhoto(id, 60_000);

  const db = openDatabase(join(host.harness.dataDir, "shoebox.sqlite"));
  try {
    const photos = SqlitePhotoRepository.open(db);
    const templates = await Promise.all(realIds.map((id) => photos.get(id)));
    // The real uploads leave the event: the gallery shows exactly the seeded photos.
    for (const id of realIds) await photos.transition(id, ["ready"], { status: "rejected" });
    const writes: Promise<void>[] = [];
    fields.forEach((own, index) => {
      const template = templates[index % templates.length] as Photo;
      const id = randomBytes(12).toString("base64url");
      const { takenAt: _takenAt, sha256: _sha256, labels: _labels, ...rest } = template;
      const createdAt = own.createdAt ?? new Date(template.createdAt.getTime() + index);
      writes.push(
        photos.create({
          ...rest,
          ...own,
          id,
          objectKey: `uploads/event_${event.id}/${id}.jpg`,
          filename: `IMG_${String(index + 1).padStart(5, "0")}.jpg`,
          createdAt,
          updatedAt: createdAt,
        }),
      );
    });
    await Promise.all(writes);
  } finally {
    db.close();
  }

  const session = JSON.stringify({
    idToken: tokens.idToken,
    refreshToken: tokens.refreshToken,
    issuedAt: Date.now(),
    expiresAt: Date.now() + tokens.expiresIn * 1000,
    user: { userId: "seeded", email, name: "Robin" },
  });
  return {
    eventId: event.id,
    signIn: async (context) => {
      await context.addInitScript((value) => window.localStorage.setItem("shoebox.session", value), session);
    },
  };
}
