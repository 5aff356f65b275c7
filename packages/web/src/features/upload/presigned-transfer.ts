import type { UploadTicket } from "../../api/api-types.js";

/** The object store refused the bytes or could not be reached. */
export class TransferError extends Error {
  override name = "TransferError";
  constructor(
    message: string,
    /** 0 when no answer came. */
    readonly status: number,
    /** The store's error code (`AccessDenied`, `EntityTooLarge` …) when it sent one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface TransferOptions {
  /** Fraction of the bytes sent so far, 0–1, as the browser reports upload progress. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/** Headers a page may not set: the browser sends its own (the signature covers their values). */
const FORBIDDEN_HEADERS = new Set(["content-length", "host", "connection"]);

/**
 * Sends a file straight to the object store with its ticket: a presigned POST form (the policy's fields,
 * then the file, which S3 requires last) or a presigned PUT with the signed headers. XMLHttpRequest, not
 * fetch, because only it reports upload progress. Resolves on a 2xx; rejects with a `TransferError` or,
 * when `signal` aborts, a DOMException named `AbortError`.
 */
export function transferWithTicket(
  ticket: UploadTicket,
  file: Blob,
  options: TransferOptions = {},
): Promise<void> {
  const { signal, onProgress } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException("The upload was cancelled", "AbortError"));
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    const settle = (outcome: () => void) => {
      signal?.removeEventListener("abort", onAbort);
      outcome();
    };

    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () =>
      settle(() => {
        if (xhr.status >= 200 && xhr.status < 300) {
          onProgress?.(1);
          resolve();
        } else {
          reject(storeError(xhr.status, xhr.responseText));
        }
      });
    xhr.onerror = () =>
      settle(() => reject(new TransferError("The upload was interrupted: check your connection", 0)));
    xhr.onabort = () => settle(() => reject(new DOMException("The upload was cancelled", "AbortError")));

    xhr.open(ticket.method, ticket.url);
    if (ticket.method === "POST") {
      const form = new FormData();
      for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
      form.append("file", file);
      xhr.send(form);
    } else {
      for (const [name, value] of Object.entries(ticket.headers)) {
        if (!FORBIDDEN_HEADERS.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
      }
      xhr.send(file);
    }
  });
}

/** S3 answers errors in XML (`<Error><Code>…</Code><Message>…</Message></Error>`). */
function storeError(status: number, body: string): TransferError {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  if (code === "EntityTooLarge") return new TransferError("The file is larger than allowed", status, code);
  if (status === 403 && /expired/i.test(message ?? "")) {
    return new TransferError("The upload ticket expired: retry to get a new one", status, code);
  }
  return new TransferError(message ?? `The storage refused the upload (${status})`, status, code);
}
