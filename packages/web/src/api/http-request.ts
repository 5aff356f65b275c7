import { errorFromResponse, NetworkError } from "./api-errors.js";
import type { Endpoint } from "./endpoints.js";

export type QueryValue = string | number | undefined;

export interface RequestOptions {
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: Record<string, unknown>;
  signal?: AbortSignal;
}

export interface HttpSettings {
  /** Where the API lives, e.g. `/api` (same origin) or `https://api.example.org/api`. */
  baseUrl: string;
  fetch?: typeof fetch;
}

/**
 * The URL of a call: placeholders filled (URL-encoded), declared query parameters appended, undefined ones
 * dropped. Throws for a parameter the endpoint does not declare, so nothing undeclared reaches the API.
 */
export function endpointUrl(
  baseUrl: string,
  endpoint: Endpoint,
  params: Record<string, string> = {},
  query: Record<string, QueryValue> = {},
): string {
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${endpoint.path} needs the path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (!endpoint.query?.includes(name)) throw new Error(`${endpoint.path} does not take ?${name}`);
    if (value !== undefined && value !== "") search.set(name, String(value));
  }
  const suffix = search.size > 0 ? `?${search}` : "";
  return `${baseUrl.replace(/\/+$/, "")}${path}${suffix}`;
}

/**
 * Sends one call and returns its JSON (undefined for 204). Failures become typed errors: an `ApiError`
 * subclass for an answer, `NetworkError` when none came; an abort rethrows the `AbortError`.
 */
export async function sendRequest<T>(
  settings: HttpSettings,
  endpoint: Endpoint,
  options: RequestOptions,
  token?: string,
): Promise<T> {
  const body = options.body === undefined ? undefined : declaredBody(endpoint, options.body);
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  const url = endpointUrl(settings.baseUrl, endpoint, options.params, options.query);
  const doFetch = settings.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await doFetch(url, {
      method: endpoint.method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new NetworkError({ cause: error });
  }
  if (!response.ok) throw await errorFromResponse(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Whether an error is the rejection of an aborted request or wait. */
export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

function declaredBody(endpoint: Endpoint, body: Record<string, unknown>): Record<string, unknown> {
  const sent = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
  for (const name of Object.keys(sent)) {
    if (!endpoint.body?.includes(name)) throw new Error(`${endpoint.path} does not take the field ${name}`);
  }
  return sent;
}
