import { describe, expect, it, vi } from "vitest";
import { ApiClient, type TokenSource } from "./api-client.js";
import {
  describeError,
  ForbiddenError,
  InvalidRequestError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
} from "./api-errors.js";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

const apiError = (code: string, message: string, requestId?: string) => ({
  error: requestId ? { code, message, requestId } : { code, message },
});

function clientAnswering(answer: (request: Request) => Response | Promise<Response>) {
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) =>
    answer(input instanceof Request ? input : new Request(input, init)),
  );
  const tokens: TokenSource = {
    currentToken: vi.fn(async () => "token-1"),
    refreshAfterRejection: vi.fn(async () => false),
  };
  return { api: new ApiClient({ baseUrl: "/api", fetch }, tokens), fetch, tokens };
}

describe("ApiClient errors", () => {
  it.each([
    [400, "VALIDATION_FAILED", InvalidRequestError],
    [403, "NOT_ATTENDEE", ForbiddenError],
    [404, "NOT_FOUND", NotFoundError],
  ])("turns a %i {error:{code,message}} into a typed error carrying both", async (status, code, type) => {
    const { api } = clientAnswering(() => json(status, apiError(code, "Explained for people")));
    const error = await api.getEvent("e1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, code, message: "Explained for people" });
  });

  it("reads Retry-After on a 429 and says when to try again", async () => {
    const { api } = clientAnswering(() =>
      json(429, apiError("RATE_LIMITED", "Too many sign-in attempts."), { "Retry-After": "30" }),
    );
    const error = await api.me().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(30);
    expect(describeError(error)).toBe("Too many sign-in attempts. Try again in 30 seconds.");
  });

  it("answers a 5xx with a generic message that quotes the request id, whatever the body", async () => {
    const { api } = clientAnswering(() => json(500, apiError("INTERNAL", "stack trace…", "req-42")));
    const error = await api.me().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toMatch(/on our side.*request id req-42/);

    const proxy = clientAnswering(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    const gateway = await proxy.api.me().catch((caught: unknown) => caught);
    expect(gateway).toMatchObject({ status: 502, code: "HTTP_502" });
  });

  it("turns a request that got no answer into a NetworkError", async () => {
    const { api } = clientAnswering(() => {
      throw new TypeError("Failed to fetch");
    });
    await expect(api.me()).rejects.toBeInstanceOf(NetworkError);
  });

  it("refreshes once after a 401 and retries with the new token", async () => {
    let token = "expired";
    const { api, fetch, tokens } = clientAnswering((request) => {
      const auth = request.headers.get("Authorization");
      return auth === "Bearer fresh"
        ? json(200, { userId: "u1", email: null, name: null })
        : json(401, apiError("UNAUTHENTICATED", "The token expired"));
    });
    tokens.currentToken = async () => token;
    tokens.refreshAfterRejection = vi.fn(async () => {
      token = "fresh";
      return true;
    });

    expect(await api.me()).toEqual({ userId: "u1", email: null, name: null });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("gives up with UnauthorizedError when the session cannot be renewed", async () => {
    const { api, fetch } = clientAnswering(() => json(401, apiError("UNAUTHENTICATED", "The token expired")));
    await expect(api.me()).rejects.toBeInstanceOf(UnauthorizedError);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe("ApiClient requests", () => {
  it("fills path parameters, sends the query parameters given and the bearer token", async () => {
    const { api, fetch } = clientAnswering(() => json(200, { items: [], nextCursor: null }));
    await api.listPhotos({ kind: "event", eventId: "a/b" }, { label: "dog", cursor: undefined, limit: 30 });
    const request = fetch.mock.calls[0]![0] as Request;
    const url = new URL(request.url);
    expect(url.origin).toBe(location.origin);
    expect(`${url.pathname}${url.search}`).toBe("/api/events/a%2Fb/photos?label=dog&limit=30");
    expect(request.headers.get("Authorization")).toBe("Bearer token-1");
  });

  it("sends a typed JSON body and reads a 204 as no content", async () => {
    const { api, fetch } = clientAnswering((request) =>
      request.method === "DELETE" ? new Response(null, { status: 204 }) : json(201, { id: "e1" }),
    );
    await api.createEvent({ name: "Party", description: undefined });
    const sent = fetch.mock.calls[0]![0] as Request;
    expect(sent.headers.get("Content-Type")).toBe("application/json");
    expect(await sent.json()).toEqual({ name: "Party" });
    await expect(api.deletePhoto("p1")).resolves.toBeUndefined();
  });

  it("rethrows an abort as the AbortError, not as a network failure", async () => {
    const { api } = clientAnswering(() => {
      throw new DOMException("The operation was aborted.", "AbortError");
    });
    await expect(api.getPhoto("p1", 20)).rejects.toMatchObject({ name: "AbortError" });
  });

  it("cannot send an undeclared query parameter or a body field of the wrong type (the typecheck refuses)", () => {
    const { api, fetch } = clientAnswering(() => json(200, {}));
    // Never called: the two calls below exist for `tsc`, which fails if either compiles.
    const undeclared = () => [
      api.withToken((http, auth) =>
        http.GET("/events/{eventId}", {
          ...auth,
          // @ts-expect-error GET /events/{eventId} takes no query parameters
          params: { path: { eventId: "e1" }, query: { expand: "all" } },
        }),
      ),
      // @ts-expect-error POST /events takes `name` as a string
      api.withToken((http, auth) => http.POST("/events", { ...auth, body: { name: 1 } })),
    ];
    expect(undeclared).toBeTypeOf("function");
    expect(fetch).not.toHaveBeenCalled();
  });
});
