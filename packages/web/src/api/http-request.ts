import createClient, { type Client, type Middleware } from "openapi-fetch";
import { errorFromResponse, NetworkError } from "./api-errors.js";
import type { paths } from "./schema.gen.js";

export interface HttpSettings {
  /** Where the API lives, e.g. `/api` (same origin) or `https://api.example.org/api`. */
  baseUrl: string;
  fetch?: typeof fetch;
}

/** A client of every API route, typed from `schema.gen.ts`: paths, parameters, bodies and answers. */
export type ApiHttp = Client<paths>;

/**
 * The typed client over `fetch`. A failure never comes back as data: an answer that is not a success is
 * thrown as the matching `ApiError` subclass, no answer at all as `NetworkError`; an abort rethrows the
 * `AbortError`.
 */
export function createApiHttp(settings: HttpSettings): ApiHttp {
  const doFetch = settings.fetch ?? ((request: Request) => globalThis.fetch(request));
  const http = createClient<paths>({
    baseUrl: absolute(settings.baseUrl),
    fetch: (request: Request) => doFetch(request),
    headers: { Accept: "application/json" },
    querySerializer: serializeQuery,
  });
  http.use(typedErrors);
  return http;
}

/** The body of a successful answer (failures were thrown already). */
export async function dataOf<T>(request: Promise<{ data?: T; response: Response }>): Promise<T> {
  const { data, response } = await request;
  if (data === undefined) throw new Error(`${response.url} answered ${response.status} without a body`);
  return data;
}

/** Waits for an answer without a body (204). */
export async function noContent(request: Promise<unknown>): Promise<void> {
  await request;
}

/** Whether an error is the rejection of an aborted request or wait (a `DOMException`, not always an `Error`). */
export function isAbort(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
}

const typedErrors: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await errorFromResponse(response);
  },
  onError({ error }) {
    // Returning nothing rethrows the abort as it came.
    if (!isAbort(error)) return new NetworkError({ cause: error });
  },
};

/** Undefined and empty values are left out, so an unset filter is not sent as `?label=`. */
function serializeQuery(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") search.set(name, String(value));
  }
  return search.toString();
}

/** `Request` needs an absolute URL; a same-origin base such as `/api` is resolved against the page. */
function absolute(baseUrl: string): string {
  return typeof location === "undefined" ? baseUrl : new URL(baseUrl, location.href).href;
}
