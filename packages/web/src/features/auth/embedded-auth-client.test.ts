import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EmbeddedAuthClient } from "./embedded-auth-client.js";

const HOUR_MS = 3_600_000;

/** An unsigned JWT with the claims the client reads: the API, not the client, checks signatures. */
function idToken(sub: string, serial: number): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "");
  return `${encode({ alg: "none" })}.${encode({ sub, email: `${sub}@example.org`, name: "Ada", serial })}.sig`;
}

/** The embedded issuer's auth routes, in memory: each refresh token works once, as on the server. */
function fakeIssuer() {
  let serial = 0;
  const valid = new Set<string>();
  const calls: string[] = [];
  const tokens = () => {
    serial += 1;
    const refreshToken = `refresh-${serial}`;
    valid.add(refreshToken);
    const body = { accessToken: "a", idToken: idToken("u1", serial), refreshToken, expiresIn: 3600 };
    return new Response(JSON.stringify({ ...body, tokenType: "Bearer" }), { status: 200 });
  };
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    calls.push(path);
    const body = JSON.parse((await request.text()) || "{}") as Record<string, string>;
    if (path === "/api/auth/login") return tokens();
    if (path === "/api/auth/signup" || path === "/api/auth/resend-confirmation") {
      return new Response(JSON.stringify({ confirmation: "sent", delivery: "log" }), { status: 202 });
    }
    if (path === "/api/auth/confirm") {
      if (body.code === "123456" && body.password === "correct horse") return tokens();
      const error = { error: { code: "INVALID_CONFIRMATION_CODE", message: "That code is not valid" } };
      return new Response(JSON.stringify(error), { status: 400 });
    }
    if (path === "/api/auth/refresh") {
      if (!valid.delete(body.refreshToken ?? "")) {
        const error = { error: { code: "UNAUTHENTICATED", message: "The refresh token is no longer valid" } };
        return new Response(JSON.stringify(error), { status: 401 });
      }
      return tokens();
    }
    return new Response("{}", { status: 404 });
  });
  return { fetch, calls, revokeAll: () => valid.clear() };
}

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

describe("EmbeddedAuthClient", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  function signedInClient(issuer = fakeIssuer(), storage = memoryStorage()) {
    const auth = new EmbeddedAuthClient({ http: { baseUrl: "/api", fetch: issuer.fetch }, storage });
    return { auth, issuer, storage };
  }

  it("signs up without a session, then confirming the code with the password signs in", async () => {
    const { auth, issuer } = signedInClient();
    const outcome = await auth.signUp({ email: "ada@example.org", password: "correct horse", name: "Ada" });
    expect(outcome).toEqual({ status: "confirmationRequired", deliveredTo: null, codeInServerLog: true });
    expect(auth.session()).toBeNull();
    await auth.resendConfirmation({ email: "ada@example.org" });
    await expect(
      auth.confirmSignUp({ email: "ada@example.org", code: "000000", password: "correct horse" }),
    ).rejects.toMatchObject({ status: 400 });
    const session = await auth.confirmSignUp({
      email: "ada@example.org",
      code: " 123456 ",
      password: "correct horse",
    });
    expect(auth.session()).toBe(session);
    expect(issuer.calls).toEqual([
      "/api/auth/signup",
      "/api/auth/resend-confirmation",
      "/api/auth/confirm",
      "/api/auth/confirm",
    ]);
  });

  it("renews an hour-long token quietly at 55 minutes, not before", async () => {
    const { auth, issuer } = signedInClient();
    await auth.signIn({ email: "ada@example.org", password: "correct horse" });
    const first = auth.session()?.idToken;

    await vi.advanceTimersByTimeAsync(55 * 60_000 - 1);
    expect(issuer.calls.filter((path) => path === "/api/auth/refresh")).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(1);
    expect(issuer.calls.filter((path) => path === "/api/auth/refresh")).toHaveLength(1);
    expect(auth.session()?.idToken).not.toBe(first);
    expect(auth.session()?.expiresAt).toBe(55 * 60_000 + HOUR_MS);
  });

  it("refreshes once for concurrent callers when the token is about to expire", async () => {
    const { auth, issuer } = signedInClient();
    await auth.signIn({ email: "ada@example.org", password: "correct horse" });
    // The tab slept through its timer: the clock jumps past the planned refresh without it firing.
    vi.setSystemTime(HOUR_MS - 5_000);

    const tokens = await Promise.all([auth.currentToken(), auth.currentToken(), auth.currentToken()]);

    expect(issuer.calls.filter((path) => path === "/api/auth/refresh")).toHaveLength(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toBe(auth.session()?.idToken);
  });

  it("keeps the rotated refresh token so the session survives a reload", async () => {
    const storage = memoryStorage();
    const issuer = fakeIssuer();
    const { auth } = signedInClient(issuer, storage);
    await auth.signIn({ email: "ada@example.org", password: "correct horse" });
    await auth.refresh();

    const reloaded = new EmbeddedAuthClient({ http: { baseUrl: "/api", fetch: issuer.fetch }, storage });
    expect(reloaded.session()?.refreshToken).toBe("refresh-2");
    expect(await reloaded.refresh()).not.toBeNull();
    expect(reloaded.session()?.user).toEqual({ userId: "u1", email: "u1@example.org", name: "Ada" });
  });

  it("signs out and tells listeners when the refresh token is refused", async () => {
    const { auth, issuer, storage } = signedInClient();
    await auth.signIn({ email: "ada@example.org", password: "correct horse" });
    const changes = vi.fn();
    auth.subscribe(changes);
    issuer.revokeAll();

    expect(await auth.refresh()).toBeNull();
    expect(auth.session()).toBeNull();
    expect(await auth.currentToken()).toBeNull();
    expect(storage.map.size).toBe(0);
    expect(changes).toHaveBeenCalled();
  });

  it("keeps the session when a refresh fails for want of a network, and tries again later", async () => {
    const issuer = fakeIssuer();
    let offline = false;
    const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      if (offline) throw new TypeError("Failed to fetch");
      return issuer.fetch(url, init);
    });
    const auth = new EmbeddedAuthClient({
      http: { baseUrl: "/api", fetch },
      retryAfterNetworkErrorMs: 10_000,
    });
    await auth.signIn({ email: "ada@example.org", password: "correct horse" });
    offline = true;

    await expect(auth.refresh()).rejects.toThrow(/Could not reach Shoebox/);
    expect(auth.session()).not.toBeNull();

    offline = false;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(auth.session()?.refreshToken).toBe("refresh-2");
  });
});
