import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import busboy from "busboy";
import { S3Error } from "../errors.js";

/** The form of a browser POST upload up to its file part. */
export interface PostForm {
  /** Non-file fields before the file, names lower-cased. */
  fields: Map<string, string>;
  /** The file part's bytes; not yet read. */
  file: Readable;
  filename: string;
}

/** Limits on the fields before the file (S3 allows about 20 KB of form fields; a policy is a few KB). */
const LIMITS = { fieldSize: 64 * 1024, fields: 200, fieldNameSize: 200, parts: 400 };

/**
 * Parses a multipart/form-data POST with busboy until the part named `file` and resolves with the fields
 * seen so far and the unread file stream. Fields after the file are ignored, as S3 does; a form without a
 * file, with a repeated field or that is not multipart/form-data is refused.
 */
export function readPostForm(req: IncomingMessage): Promise<PostForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: LIMITS, defParamCharset: "utf8" });
    } catch (cause) {
      reject(
        new S3Error(
          "PreconditionFailed",
          "Bucket POST must be of the enclosure-type multipart/form-data",
          { Condition: "Bucket POST must be of the enclosure-type-multipart/form-data" },
          { cause },
        ),
      );
      return;
    }
    const fields = new Map<string, string>();
    let settled = false;
    let fileStream: Readable | undefined;
    const fail = (error: S3Error) => {
      if (settled) {
        fileStream?.destroy(error);
        return;
      }
      settled = true;
      reject(error);
    };

    parser.on("field", (name, value, info) => {
      if (settled) return;
      const lower = name.toLowerCase();
      if (info.valueTruncated || info.nameTruncated) {
        fail(new S3Error("MalformedPOSTRequest", `The form field ${name} is too large.`));
      } else if (lower === "file") {
        // A text field named "file" is the content itself (S3 accepts it).
        settled = true;
        resolve({ fields, file: Readable.from([Buffer.from(value, "utf8")]), filename: "" });
      } else if (fields.has(lower)) {
        fail(
          new S3Error("InvalidArgument", `POST form field ${name} appears more than once.`, {
            ArgumentName: name,
          }),
        );
      } else {
        fields.set(lower, value);
      }
    });
    parser.on("file", (name, stream, info) => {
      if (settled || name.toLowerCase() !== "file") {
        stream.resume();
        return;
      }
      settled = true;
      fileStream = stream;
      resolve({ fields, file: stream, filename: info.filename ?? "" });
    });
    parser.on("fieldsLimit", () =>
      fail(new S3Error("MalformedPOSTRequest", "The POST form has too many fields.")),
    );
    parser.on("partsLimit", () =>
      fail(new S3Error("MalformedPOSTRequest", "The POST form has too many parts.")),
    );
    parser.on("error", (cause) =>
      fail(
        new S3Error(
          "MalformedPOSTRequest",
          "The body of your POST request is not well-formed multipart/form-data.",
          {},
          { cause },
        ),
      ),
    );
    parser.on("close", () => {
      if (settled) return;
      fail(
        new S3Error("InvalidArgument", "POST requires exactly one file upload per request.", {
          ArgumentName: "file",
          ArgumentValue: "0",
        }),
      );
    });
    req.on("error", (cause) =>
      fail(new S3Error("IncompleteBody", "The request body ended early.", {}, { cause })),
    );
    req.pipe(parser);
  });
}
