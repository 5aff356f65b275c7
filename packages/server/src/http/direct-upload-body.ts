import type { z } from "@hono/zod-openapi";
import { ValidationError } from "../domain/errors.js";
import { parseImageContentType } from "../domain/upload-rules.js";
import type { DirectUploadInput } from "../services/uploads/upload.service.js";
import { HttpError } from "./http-error.js";
import { readBodyWithin } from "./read-body-within.js";
import { DirectUploadFieldsSchema } from "./routes/photos.schemas.js";

type UploadFields = z.infer<typeof DirectUploadFieldsSchema>;

/** Room for a multipart body's boundaries, part headers and text fields on top of the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * Reads a direct upload — a raw image body with its own Content-Type, or `multipart/form-data` with a
 * `file` part — into the upload service's input, refusing oversized bodies while reading (413).
 * `query` holds `?eventId=&title=&description=&filename=`; multipart fields of the same names win.
 */
export async function readDirectUpload(
  request: Request,
  query: UploadFields,
  maxBytes: number,
): Promise<DirectUploadInput> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType === "multipart/form-data") return readMultipart(request, query, maxBytes);

  // Refuse a wrong type before reading a byte of it.
  const { contentType } = parseImageContentType(mediaType);
  const body = await readBodyWithin(request, maxBytes);
  return { ...definedFields(query), contentType, body };
}

async function readMultipart(
  request: Request,
  query: UploadFields,
  maxBytes: number,
): Promise<DirectUploadInput> {
  const raw = await readBodyWithin(request, maxBytes + MULTIPART_OVERHEAD_BYTES);
  let form: FormData;
  try {
    form = await new Response(raw, {
      headers: { "content-type": request.headers.get("content-type")! },
    }).formData();
  } catch {
    throw new ValidationError("The multipart body could not be parsed");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new ValidationError("file: a multipart upload needs a `file` part");
  if (file.size > maxBytes) {
    throw new HttpError(
      413,
      "PAYLOAD_TOO_LARGE",
      `The upload is larger than ${maxBytes} bytes; request an upload ticket instead`,
    );
  }
  const fields = DirectUploadFieldsSchema.safeParse(Object.fromEntries(textFieldsOf(form)));
  if (!fields.success) {
    throw new ValidationError(fields.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const { contentType } = parseImageContentType(file.type || "application/octet-stream");
  return {
    ...definedFields({ filename: file.name || undefined, ...query, ...fields.data }),
    contentType,
    body: Buffer.from(await file.arrayBuffer()),
  };
}

function* textFieldsOf(form: FormData): Generator<[string, string]> {
  for (const name of ["eventId", "filename", "title", "description"] as const) {
    const value = form.get(name);
    if (typeof value === "string") yield [name, value];
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
