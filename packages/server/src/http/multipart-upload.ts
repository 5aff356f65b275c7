import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { ValidationError } from "../domain/errors.js";
import { HttpError } from "./http-error.js";

/** What one multipart direct upload may hold: a `file` part and a few short text fields. */
export interface MultipartUploadLimits {
  /** Largest file part, in bytes (413 past it). */
  maxFileBytes: number;
  /** Largest whole body, in bytes, boundaries and headers included (413 past it). */
  maxBodyBytes: number;
  /** Text fields allowed besides the file (400 past it). */
  maxFields: number;
  /** Longest text field value, in bytes (400 past it). */
  maxFieldBytes: number;
}

export interface MultipartUpload {
  fields: Map<string, string>;
  file?: { name: string; type: string; bytes: Buffer };
}

/**
 * Parses a `multipart/form-data` body with busboy as it arrives, a chunk at a time, and stops reading at
 * the first broken limit: no more parts than one file plus `maxFields`, no field longer than
 * `maxFieldBytes`, no file larger than `maxFileBytes`, no body larger than `maxBodyBytes`. A body of
 * thousands of tiny parts is refused after its first chunk instead of being buffered and parsed whole on
 * the event loop (a web `formData()` blocked the process for seconds). Works on any `Request` body: a
 * Node socket (embedded host: pass the Node request as `body`, which spares a web stream per chunk) or a
 * buffered API Gateway event (Lambda: the `Request`'s own body).
 */
export async function readMultipartUpload(
  request: Request,
  limits: MultipartUploadLimits,
  body?: Readable,
): Promise<MultipartUpload> {
  const contentType = request.headers.get("content-type") ?? "";
  if (Number(request.headers.get("content-length") ?? Number.NaN) > limits.maxBodyBytes) {
    throw tooLarge(limits.maxFileBytes);
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: {
        files: 1,
        fields: limits.maxFields,
        parts: limits.maxFields + 1,
        fileSize: limits.maxFileBytes,
        fieldSize: limits.maxFieldBytes,
        fieldNameSize: 100,
        headerPairs: 10,
      },
    });
  } catch {
    throw new ValidationError("The multipart body could not be parsed (no boundary)");
  }

  const upload: MultipartUpload = { fields: new Map() };
  // Aborted with the first broken limit: stops feeding, and any wait for the parser to drain.
  const stop = new AbortController();
  const parsed = new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      if (!stop.signal.aborted) stop.abort(error);
      reject(stop.signal.reason);
    };
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated)
        fail(new ValidationError(`${name}: longer than ${limits.maxFieldBytes} bytes`));
      else if (info.nameTruncated) fail(new ValidationError("A multipart field name is too long"));
      else upload.fields.set(name, value);
    });
    parser.on("file", (name, stream, info) => {
      // A body cut short (or a parser stopped at a limit) ends the part's stream with an error.
      stream.on("error", () => fail(new ValidationError("The multipart body ended inside a part")));
      if (name !== "file") {
        stream.resume();
        fail(new ValidationError(`${name}: the only file part accepted is \`file\``));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => fail(tooLarge(limits.maxFileBytes)));
      stream.on("end", () => {
        upload.file = { name: info.filename ?? "", type: info.mimeType, bytes: Buffer.concat(chunks) };
      });
    });
    const tooManyParts = () =>
      fail(new ValidationError(`A multipart upload holds one file and at most ${limits.maxFields} fields`));
    parser.on("partsLimit", tooManyParts);
    parser.on("filesLimit", tooManyParts);
    parser.on("fieldsLimit", tooManyParts);
    parser.on("error", () => fail(new ValidationError("The multipart body could not be parsed")));
    parser.on("close", () => resolve());
  });
  // Awaited only after feeding; a failure meanwhile must not surface as an unhandled rejection.
  parsed.catch(() => undefined);

  const source = body ?? (request.body ? Readable.fromWeb(request.body as WebReadableStream) : undefined);
  await feed(source, parser, limits, stop);
  if (stop.signal.aborted) {
    parser.destroy();
    throw stop.signal.reason;
  }
  await parsed;
  return upload;
}

/**
 * Pipes the body into the parser (with backpressure) until it ends or a limit stops it. On a stop the body
 * is unpiped and paused, not destroyed: the host answers first, then drains or closes the connection, so
 * the client reads the error instead of a reset.
 */
async function feed(
  source: Readable | undefined,
  parser: busboy.Busboy,
  limits: MultipartUploadLimits,
  stop: AbortController,
): Promise<void> {
  if (!source) {
    parser.end();
    return;
  }
  let received = 0;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limits.maxBodyBytes) stop.abort(tooLarge(limits.maxFileBytes));
  };
  const finished = new Promise<void>((resolve) => {
    parser.once("close", resolve);
    source.once("error", () => stop.abort(new ValidationError("The request body was interrupted")));
    stop.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  source.on("data", count);
  source.pipe(parser);
  await finished;
  source.off("data", count);
  if (stop.signal.aborted) {
    source.unpipe(parser);
    source.pause();
  }
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    "PAYLOAD_TOO_LARGE",
    `The upload is larger than ${maxBytes} bytes; request an upload ticket instead`,
  );
}
