import { describe, expect, it, vi } from "vitest";
import { InvalidRequestError } from "../../api/api-errors.js";
import type { Photo, UploadTicket } from "../../api/api-types.js";
import type { TransferOptions } from "./presigned-transfer.js";
import { TransferError } from "./presigned-transfer.js";
import { type UploadPorts, UploadQueue } from "./upload-queue.js";

const limits = { contentTypes: ["image/jpeg", "image/png"], maxBytes: 1000 };

function jpeg(name: string, size = 100): File {
  return new File([new Uint8Array(size)], name, { type: "image/jpeg" });
}

function photo(id: string, change: Partial<Photo> = {}): Photo {
  return {
    id,
    eventId: "e1",
    ownerId: "u1",
    guestName: null,
    uploaderName: null,
    filename: `${id}.jpg`,
    title: null,
    description: null,
    contentType: "image/jpeg",
    status: "ready",
    statusReason: null,
    failedStep: null,
    duplicateOf: null,
    listedInGallery: true,
    review: null,
    size: 100,
    width: 640,
    height: 480,
    format: "jpeg",
    createdAt: "2026-11-21T08:00:00.000Z",
    takenAt: null,
    takenAtOffset: null,
    camera: null,
    exposure: null,
    colorProfile: null,
    labels: [],
    blurhash: null,
    urls: { thumb: null, web: null, original: null },
    ...change,
  };
}

/** A transfer the test finishes by hand, so it can look at the queue mid-upload. */
interface PendingTransfer {
  file: File;
  options: TransferOptions;
  finish(): void;
  fail(error: Error): void;
}

/** Upload ports over controllable promises: every transfer waits for the test to finish or fail it. */
function controllablePorts(outcome: (photoId: string) => Photo = (id) => photo(id)) {
  const transfers: PendingTransfer[] = [];
  let tickets = 0;
  const ports = {
    initiate: vi.fn(async (file: File): Promise<UploadTicket> => {
      tickets += 1;
      return {
        photoId: `p${tickets}-${file.name}`,
        url: "http://s3.test/b",
        expiresAt: "",
        method: "POST",
        fields: {},
      };
    }),
    transfer: vi.fn(
      (_ticket: UploadTicket, file: File, options: TransferOptions) =>
        new Promise<void>((resolve, reject) => {
          options.signal?.addEventListener("abort", () =>
            reject(new DOMException("The upload was cancelled", "AbortError")),
          );
          transfers.push({ file, options, finish: resolve, fail: reject });
        }),
    ),
    waitUntilProcessed: vi.fn(async (photoId: string) => outcome(photoId)),
    retryProcessing: vi.fn(async () => {}),
    discard: vi.fn(async () => {}),
  } satisfies UploadPorts;
  return { ports, transfers };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("UploadQueue", () => {
  it("sends at most three files at a time and starts the next as one finishes", async () => {
    const { ports, transfers } = controllablePorts();
    const queue = new UploadQueue(ports, { limits });
    queue.add([jpeg("a.jpg"), jpeg("b.jpg"), jpeg("c.jpg"), jpeg("d.jpg"), jpeg("e.jpg")]);
    await settle();

    expect(transfers.map((t) => t.file.name)).toEqual(["a.jpg", "b.jpg", "c.jpg"]);
    expect(queue.snapshot().map((item) => item.state)).toEqual([
      "uploading",
      "uploading",
      "uploading",
      "queued",
      "queued",
    ]);

    transfers[1]!.finish();
    await settle();
    expect(transfers.map((t) => t.file.name)).toEqual(["a.jpg", "b.jpg", "c.jpg", "d.jpg"]);
    expect(queue.snapshot()[1]).toMatchObject({ state: "ready", progress: 1 });
  });

  it("reports upload progress on the file's row", async () => {
    const { ports, transfers } = controllablePorts();
    const queue = new UploadQueue(ports, { limits });
    queue.add([jpeg("a.jpg")]);
    await settle();

    transfers[0]!.options.onProgress?.(0.42);
    expect(queue.snapshot()[0]?.progress).toBe(0.42);
  });

  it("refuses a file of an unsupported type or over the size limit before uploading, with the reason", async () => {
    const { ports } = controllablePorts();
    const queue = new UploadQueue(ports, { limits });
    queue.add([new File(["%PDF"], "notes.pdf", { type: "application/pdf" }), jpeg("huge.jpg", 1001)]);
    await settle();

    const [pdf, huge] = queue.snapshot();
    expect(pdf).toMatchObject({
      state: "refused",
      message: expect.stringMatching(/PDF files are not supported/),
    });
    expect(huge).toMatchObject({ state: "refused", message: expect.stringMatching(/largest accepted is/) });
    expect(ports.initiate).not.toHaveBeenCalled();
  });

  it("cancels an upload in flight, frees its slot and discards the pending photo", async () => {
    const { ports, transfers } = controllablePorts();
    const queue = new UploadQueue(ports, { limits, concurrency: 1 });
    const [first] = queue.add([jpeg("a.jpg"), jpeg("b.jpg")]);
    await settle();

    queue.cancel(first!);
    await settle();

    expect(transfers[0]!.options.signal?.aborted).toBe(true);
    expect(queue.snapshot().map((item) => item.state)).toEqual(["cancelled", "uploading"]);
    expect(ports.discard).toHaveBeenCalledWith("p1-a.jpg");
  });

  it("cancels a queued file without ever sending it", async () => {
    const { ports } = controllablePorts();
    const queue = new UploadQueue(ports, { limits, concurrency: 1 });
    const [, second] = queue.add([jpeg("a.jpg"), jpeg("b.jpg")]);
    queue.cancel(second!);
    await settle();

    expect(ports.initiate).toHaveBeenCalledTimes(1);
    expect(queue.snapshot()[1]?.state).toBe("cancelled");
  });

  it("retries a failed upload with a new ticket and succeeds", async () => {
    const { ports, transfers } = controllablePorts();
    const queue = new UploadQueue(ports, { limits });
    const [id] = queue.add([jpeg("a.jpg")]);
    await settle();
    transfers[0]!.fail(new TransferError("The upload was interrupted: check your connection", 0));
    await settle();
    expect(queue.snapshot()[0]).toMatchObject({
      state: "error",
      message: expect.stringMatching(/interrupted/),
    });

    queue.retry(id!);
    await settle();
    transfers[1]!.finish();
    await settle();

    expect(ports.initiate).toHaveBeenCalledTimes(2);
    expect(queue.snapshot()[0]).toMatchObject({ state: "ready", photoId: "p2-a.jpg" });
  });

  it("shows the API's refusal of a ticket as refused, with its message", async () => {
    const { ports } = controllablePorts();
    ports.initiate.mockRejectedValueOnce(
      new InvalidRequestError(
        400,
        "UPLOAD_TOO_LARGE",
        "The file is 900 bytes; the largest accepted is 800 bytes",
      ),
    );
    const queue = new UploadQueue(ports, { limits });
    queue.add([jpeg("a.jpg", 900)]);
    await settle();

    expect(queue.snapshot()[0]).toMatchObject({
      state: "refused",
      message: expect.stringMatching(/largest accepted/),
    });
  });

  it("follows the pipeline's decision: duplicate and rejected rows say why, and the gallery hears of them", async () => {
    const outcomes: Record<string, Partial<Photo>> = {
      "p1-a.jpg": { status: "duplicate", statusReason: "The same image as p0", listedInGallery: false },
      "p2-b.jpg": {
        status: "rejected",
        statusReason: "Not an image: the bytes are a PDF",
        listedInGallery: false,
      },
    };
    const { ports, transfers } = controllablePorts((id) => photo(id, outcomes[id]));
    const onSettled = vi.fn();
    const queue = new UploadQueue(ports, { limits, onSettled });
    queue.add([jpeg("a.jpg"), jpeg("b.jpg")]);
    await settle();
    for (const transfer of transfers) transfer.finish();
    await settle();

    expect(queue.snapshot().map(({ state, message }) => ({ state, message }))).toEqual([
      { state: "duplicate", message: "The same image as p0" },
      { state: "rejected", message: "Not an image: the bytes are a PDF" },
    ]);
    expect(onSettled).toHaveBeenCalledTimes(2);
  });

  it("says a photo held by the event's approval mode waits for the hosts, not that it is ready", async () => {
    const { ports, transfers } = controllablePorts((id) => photo(id, { review: "waiting" }));
    const queue = new UploadQueue(ports, { limits });
    queue.add([jpeg("a.jpg")]);
    await settle();
    for (const transfer of transfers) transfer.finish();
    await settle();

    expect(queue.snapshot().map(({ state, message }) => ({ state, message }))).toEqual([
      { state: "hidden", message: "Waiting for the hosts' approval" },
    ]);
  });

  it("retries a photo the pipeline failed by asking the API to process it again", async () => {
    let attempts = 0;
    const { ports, transfers } = controllablePorts((id) =>
      ++attempts === 1 ? photo(id, { status: "failed", statusReason: "variants: out of memory" }) : photo(id),
    );
    const queue = new UploadQueue(ports, { limits });
    const [id] = queue.add([jpeg("a.jpg")]);
    await settle();
    transfers[0]!.finish();
    await settle();
    expect(queue.snapshot()[0]?.state).toBe("failed");

    queue.retry(id!);
    await settle();

    expect(ports.retryProcessing).toHaveBeenCalledWith("p1-a.jpg");
    expect(ports.initiate).toHaveBeenCalledTimes(1);
    expect(queue.snapshot()[0]?.state).toBe("ready");
  });
});
