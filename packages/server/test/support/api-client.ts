import assert from "node:assert/strict";
import type { TestMailbox } from "./test-mailbox.js";

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** The tokens `/api/auth/confirm` answers. */
export interface ConfirmedTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/**
 * Signs up at `baseUrl`, reads the code from the mail the host sent to `mailbox` (a real SMTP server) and
 * confirms it, as a user who reads their mail does. For tests and benchmarks.
 */
export async function signUpAndConfirm(
  baseUrl: string,
  mailbox: TestMailbox,
  user: { email: string; password: string; name: string },
): Promise<ConfirmedTokens> {
  const anonymous = new ApiClient(baseUrl);
  // The mail this sign-up causes, not an earlier one to the same address (hosts can share a mailbox).
  const mailsBefore = mailbox.received.filter((mail) => mail.to.includes(user.email)).length;
  const res = await anonymous.call("POST", "/api/auth/signup", user);
  assert.equal(res.status, 202, JSON.stringify(res.body));
  const code = await mailbox.codeFor(user.email, mailsBefore + 1);
  const confirmed = await anonymous.call("POST", "/api/auth/confirm", {
    email: user.email,
    code,
    password: user.password,
  });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  return confirmed.body;
}

/** A signed-in user of the API, speaking JSON with a bearer token, as the web client will. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  /** Signs up, reads the code from the mail the host sent to `mailbox`, and confirms: a verified account. */
  static async signUp(
    host: { url: string; mailbox: TestMailbox },
    name: string,
    email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2)}@example.test`,
  ): Promise<ApiClient> {
    const password = "correct horse battery";
    const { idToken } = await signUpAndConfirm(host.url, host.mailbox, { email, password, name });
    return new ApiClient(host.url, idToken);
  }

  async call<T = any>(method: string, path: string, json?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (json !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  /** Polls a photo until it leaves `pending` (bounded: the pipeline takes well under a second here). */
  async waitForPhoto(photoId: string, timeoutMs = 15_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.call("GET", `/api/photos/${photoId}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      if (res.body.status !== "pending") return res.body;
      if (Date.now() > deadline) assert.fail(`photo ${photoId} still pending after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Uploads with a ticket exactly as a browser does: POST form fields then the file, or PUT with headers. */
export async function uploadWithTicket(
  ticket: {
    method: "POST" | "PUT";
    url: string;
    fields?: Record<string, string>;
    headers?: Record<string, string>;
  },
  bytes: Uint8Array,
  contentType: string,
): Promise<Response> {
  if (ticket.method === "PUT") {
    return fetch(ticket.url, { method: "PUT", headers: ticket.headers, body: bytes });
  }
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields ?? {})) form.append(name, value);
  form.append("file", new Blob([bytes], { type: contentType }), "photo");
  return fetch(ticket.url, { method: "POST", body: form });
}
