/**
 * The cost of each step of issuing an upload ticket, measured in-process on the real components:
 * token verification (jose RS256), the attendance check and the pending-record write (SQLite, WAL), and
 * the presigners (POST policy, PUT URL) of the S3 adapter.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cryptoIds } from "../src/adapters/crypto/crypto-ids.js";
import { S3PhotoBucket } from "../src/adapters/s3/s3-photo-bucket.js";
import { openDatabase } from "../src/adapters/sqlite/database.js";
import { SqliteEventRepository } from "../src/adapters/sqlite/sqlite-event.repository.js";
import { SqlitePhotoRepository } from "../src/adapters/sqlite/sqlite-photo.repository.js";
import { createEmbeddedIdentity } from "../src/composition/embedded-identity.js";
import { rememberVerifiedTokens } from "../src/composition/remembered-tokens.js";
import { systemClock } from "../src/ports/clock.js";
import { UploadService } from "../src/services/uploads/upload.service.js";
import { RecordingMailer } from "../test/support/fakes/recording-mailer.js";
import { microsecondsPerCall } from "./measure.js";

export interface StepCosts {
  verifyTokenUs: number;
  verifyRememberedTokenUs: number;
  attendanceCheckUs: number;
  pendingRecordWriteUs: number;
  presignPostUs: number;
  presignPutUs: number;
  wholeServiceCallUs: number;
}

export async function measureTicketSteps(): Promise<StepCosts> {
  const dir = mkdtempSync(join(tmpdir(), "shoebox-steps-"));
  const db = openDatabase(join(dir, "steps.sqlite"));
  try {
    const mailer = new RecordingMailer();
    const { accounts, tokenVerifier } = await createEmbeddedIdentity({
      database: db,
      dataDir: dir,
      issuer: "http://127.0.0.1:8080/api",
      clientId: "shoebox-web",
      clock: systemClock,
      scryptParameters: { N: 1024, r: 8, p: 1 },
      mailer,
    });
    await accounts.signUp({ email: "steps@example.test", password: "benchmark-pass", name: "S" });
    const tokens = await accounts.confirmSignUp({
      email: "steps@example.test",
      code: mailer.codeFor("steps@example.test"),
      password: "benchmark-pass",
    });
    const principal = await tokenVerifier.verify(tokens.idToken);
    const remembered = rememberVerifiedTokens(tokenVerifier, systemClock);
    const events = SqliteEventRepository.open(db);
    const photos = SqlitePhotoRepository.open(db);
    const store = new S3PhotoBucket({
      bucket: "shoebox-photos",
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9000",
      forcePathStyle: true,
      credentials: { accessKeyId: "AKIDBENCH", secretAccessKey: "bench-secret" },
    });
    const uploads = new UploadService(
      { photos, events, photoBucket: store, clock: systemClock, ids: cryptoIds },
      {},
    );
    const { EventService } = await import("../src/services/events/event.service.js");
    const event = await new EventService({ events, clock: systemClock, ids: cryptoIds }).create(principal, {
      name: "Steps",
    });
    const ticket = (method: "POST" | "PUT") =>
      store.createUploadTicket({
        method,
        key: `uploads/event_${event.id}/${cryptoIds.newId()}.jpg`,
        contentType: "image/jpeg",
        maxBytes: 5_000_000,
        exactBytes: 5_000_000,
        metadata: { "photo-id": "p", "owner-id": principal.userId, "event-id": event.id },
        cacheControl: "max-age=31536000, immutable",
        expiresInSeconds: 600,
      });
    const now = new Date();
    const newPendingPhoto = () =>
      photos.create({
        id: cryptoIds.newId(),
        ownerId: principal.userId,
        eventId: event.id,
        objectKey: `uploads/event_${event.id}/x.jpg`,
        filename: "a.jpg",
        contentType: "image/jpeg",
        declaredSize: 3_000_000,
        status: "pending",
        createdAt: now,
        updatedAt: now,
        uploadExpiresAt: now,
      });

    const costs: StepCosts = {
      verifyTokenUs: await microsecondsPerCall(() => tokenVerifier.verify(tokens.idToken)),
      verifyRememberedTokenUs: await microsecondsPerCall(() => remembered.verify(tokens.idToken)),
      attendanceCheckUs: await microsecondsPerCall(() => events.getAttendance(event.id, principal.userId)),
      pendingRecordWriteUs: await microsecondsPerCall(newPendingPhoto),
      presignPostUs: await microsecondsPerCall(() => ticket("POST")),
      presignPutUs: await microsecondsPerCall(() => ticket("PUT"), { iterations: 500 }),
      wholeServiceCallUs: 0,
    };
    const input = { eventId: event.id, filename: "a.jpg", contentType: "image/jpeg", size: 3_000_000 };
    costs.wholeServiceCallUs = await microsecondsPerCall(() => uploads.initiate(principal, input));
    store.close();
    return costs;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
