import type { Context, MiddlewareHandler } from "hono";
import { UnauthenticatedError } from "../../domain/errors.js";
import type { Principal } from "../../domain/principal.js";
import type { TokenVerifier } from "../../ports/token-verifier.js";
import type { AppEnv } from "../app-env.js";
import { missingTokenResponse } from "../error-mapping.js";

const BEARER = /^Bearer[ ]+([A-Za-z0-9._~+/-]+=*)\s*$/i;

/**
 * Verifies the `Authorization: Bearer …` token of a protected route and makes the caller available to its
 * handler (`principalOf(c)`). No token → 401 with `WWW-Authenticate: Bearer`; a bad one → the verifier's
 * `UnauthenticatedError`, mapped to 401 as well.
 */
export function requireAuth(verifier: TokenVerifier): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const match = BEARER.exec(c.req.header("authorization") ?? "");
    if (!match?.[1]) return missingTokenResponse(c);
    c.set("principal", await verifier.verify(match[1]));
    await next();
  };
}

/** The verified caller of a protected route. */
export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.get("principal");
  // Only reachable if a route forgot `requireAuth`: fail closed.
  if (!principal) throw new UnauthenticatedError("This request needs a bearer token");
  return principal;
}
