import type { Readable } from "node:stream";
import type { z } from "@hono/zod-openapi";
import { ValidationError } from "../domain/errors.js";
import { parseImageContentType } from "../domain/upload-rules.js";
import type { DirectUploadInput } from "../services/uploads/upload.service.js";
import { readMultipartUpload } from "./multipart-upload.js";
import { readBodyWithin } from "./read-body-within.js";
import { DirectUploadFieldsSchema } from "./routes/photos.schemas.js";

type UploadFields = z.infer<typeof DirectUploadFieldsSchema>;

/** Room for a multipart body's boundaries, part headers and text fields on top of the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
/** `eventId`, `filename`, `title`, `description`, and a little slack for what browsers add. */
const MAX_TEXT_FIELDS = 8;
/** The longest text field (a description) is 2,000 characters; 4 bytes each at most in UTF-8. */
const MAX_FIELD_BYTES = 8 * 1024;

/**
 * Reads a direct upload — a raw image body with its own Content-Type, or `multipart/form-data` with a
 * `file` part — into the upload service's input, refusing oversized bodies while reading (413).
 * Multipart bodies are parsed as they stream in, within part and size limits (`multipart-upload.ts`).
 * `nodeBody`: the Node request, when the host has one (see `node-request-body.ts`).
 * `query` holds `?eventId=&title=&description=&filename=`; multipart fields of the same names win.
 */
export async function readDirectUpload(
  request: Request,
  query: UploadFields,
  maxBytes: number,
  nodeBody?: Readable,
): Promise<DirectUploadInput> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType === "multipart/form-data") return readMultipart(request, query, maxBytes, nodeBody);

  // Refuse a wrong type before reading a byte of it.
  const { contentType } = parseImageContentType(mediaType);
  const body = await readBodyWithin(request, maxBytes);
  return { ...definedFields(query), contentType, body };
}

async function readMultipart(
  request: Request,
  query: UploadFields,
  maxBytes: number,
  nodeBody: Readable | undefined,
): Promise<DirectUploadInput> {
  const limits = {
    maxFileBytes: maxBytes,
    maxBodyBytes: maxBytes + MULTIPART_OVERHEAD_BYTES,
    maxFields: MAX_TEXT_FIELDS,
    maxFieldBytes: MAX_FIELD_BYTES,
  };
  const { fields, file } = await readMultipartUpload(request, limits, nodeBody);
  if (!file) throw new ValidationError("file: a multipart upload needs a `file` part");
  const parsed = DirectUploadFieldsSchema.safeParse(Object.fromEntries(textFieldsOf(fields)));
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const { contentType } = parseImageContentType(file.type || "application/octet-stream");
  return {
    ...definedFields({ filename: file.name || undefined, ...query, ...parsed.data }),
    contentType,
    body: file.bytes,
  };
}

function* textFieldsOf(fields: ReadonlyMap<string, string>): Generator<[string, string]> {
  for (const name of ["eventId", "filename", "title", "description"] as const) {
    const value = fields.get(name);
    if (value !== undefined) yield [name, value];
  }
}

/** Drops keys whose value is undefined (the service's input types are exact). */
function definedFields(fields: UploadFields): {
  eventId?: string;
  filename?: string;
  title?: string;
  description?: string;
} {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
