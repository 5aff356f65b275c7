import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { RateLimits } from "../../ports/rate-limiter.js";
import type { AccountService } from "../../services/accounts/account.service.js";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../../services/accounts/account.service.js";
import { rateLimitKeys } from "../../services/rate-limit-keys.js";
import type { ApiApp } from "../app-env.js";
import type { ClientAddressOf } from "../client-address.js";
import { rateLimit } from "../middleware/rate-limit.js";
import { errorResponses } from "./common.schemas.js";
import { jsonContent as json } from "./json-content.js";

const SignUpBodySchema = z
  .object({
    email: z.string().max(254).openapi({ example: "ada@example.org" }),
    password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
    name: z.string().min(1).max(100).openapi({ example: "Ada Lovelace" }),
  })
  .openapi("SignUp");

const LoginBodySchema = z
  .object({ email: z.string().max(254), password: z.string().max(PASSWORD_MAX_LENGTH) })
  .openapi("Login");

const ConfirmBodySchema = z
  .object({
    email: z.string().max(254),
    code: z
      .string()
      .min(1)
      .max(12)
      .openapi({ example: "042917", description: "The 6 digits from the email" }),
    password: z
      .string()
      .max(PASSWORD_MAX_LENGTH)
      .openapi({ description: "The password chosen at sign-up: a code confirms only its owner's sign-up" }),
  })
  .openapi("ConfirmSignUp");

const ResendBodySchema = z.object({ email: z.string().max(254) }).openapi("ResendConfirmation");

const ConfirmationSentSchema = z
  .object({
    confirmation: z.literal("sent"),
    delivery: z.enum(["email", "log"]).openapi({
      description: '"log": the host has no mail server; whoever runs it finds the code in its log',
    }),
  })
  .openapi("ConfirmationSent");

const RefreshBodySchema = z.object({ refreshToken: z.string().min(1).max(512) }).openapi("Refresh");

const TokensSchema = z
  .object({
    accessToken: z.string(),
    idToken: z
      .string()
      .openapi({ description: "Send this one as the bearer token: it carries email and name" }),
    refreshToken: z.string().openapi({ description: "Single use: each refresh returns a new one" }),
    expiresIn: z.number().int().openapi({ example: 3600 }),
    tokenType: z.literal("Bearer"),
  })
  .openapi("Tokens");

const JwksSchema = z
  .object({ keys: z.array(z.object({ kty: z.string(), kid: z.string().optional() }).catchall(z.unknown())) })
  .openapi("JWKS");

const signUp = createRoute({
  method: "post",
  path: "/auth/signup",
  tags: ["auth"],
  summary: "Start creating an account (embedded host only): a code is emailed to confirm the address",
  description:
    "Answers the same whether or not the address already has an account (its owner is then told by email instead).",
  request: { body: { ...json(SignUpBodySchema), required: true } },
  responses: {
    202: { description: "A code (or a notice) is on its way", ...json(ConfirmationSentSchema) },
    ...errorResponses(400, 429),
  },
});

const confirmSignUp = createRoute({
  method: "post",
  path: "/auth/confirm",
  tags: ["auth"],
  summary: "Confirm a sign-up with the emailed code and its password, and sign in",
  request: { body: { ...json(ConfirmBodySchema), required: true } },
  responses: {
    200: { description: "Account created and signed in", ...json(TokensSchema) },
    ...errorResponses(400, 429),
  },
});

const resendConfirmation = createRoute({
  method: "post",
  path: "/auth/resend-confirmation",
  tags: ["auth"],
  summary: "Email a new confirmation code for a pending sign-up (the previous code stops working)",
  request: { body: { ...json(ResendBodySchema), required: true } },
  responses: {
    202: { description: "A code is on its way if a sign-up is pending", ...json(ConfirmationSentSchema) },
    ...errorResponses(400, 429),
  },
});

const login = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["auth"],
  summary: "Sign in with email and password (embedded host only)",
  request: { body: { ...json(LoginBodySchema), required: true } },
  responses: { 200: { description: "Signed in", ...json(TokensSchema) }, ...errorResponses(400, 401, 429) },
});

const refresh = createRoute({
  method: "post",
  path: "/auth/refresh",
  tags: ["auth"],
  summary: "Exchange a refresh token for new tokens; the old refresh token stops working",
  request: { body: { ...json(RefreshBodySchema), required: true } },
  responses: { 200: { description: "New tokens", ...json(TokensSchema) }, ...errorResponses(400, 401) },
});

const jwks = createRoute({
  method: "get",
  path: "/.well-known/jwks.json",
  tags: ["auth"],
  summary: "Public keys that verify the embedded issuer's tokens",
  responses: { 200: { description: "JSON Web Key Set", ...json(JwksSchema) } },
});

/**
 * The embedded host's sign-up, sign-in, refresh and key set. Not mounted on AWS, where Cognito does this
 * (behind API Gateway throttling). Sign-in and confirmation are limited per client address and per email,
 * sign-up and "resend" likewise with the sign-up limits (each sends mail), before any password is hashed.
 */
export function registerAuthRoutes(
  app: ApiApp,
  deps: { accounts: AccountService; limits: RateLimits; clientAddress: ClientAddressOf },
): void {
  const { accounts, limits, clientAddress } = deps;

  // Counted after validation, keyed on the body's email: a malformed request costs no attempt.
  const perClientAndEmail = async (c: Context) =>
    rateLimitKeys.clientAndEmail(clientAddress(c), (await c.req.json<{ email: string }>()).email);

  app.openapi(
    signUp,
    rateLimit(limits.signUp, perClientAndEmail, async (c) =>
      c.json(await accounts.signUp(c.req.valid("json")), 202),
    ),
  );
  app.openapi(
    confirmSignUp,
    rateLimit(limits.signIn, perClientAndEmail, async (c) =>
      c.json(await accounts.confirmSignUp(c.req.valid("json")), 200),
    ),
  );
  app.openapi(
    resendConfirmation,
    rateLimit(limits.signUp, perClientAndEmail, async (c) =>
      c.json(await accounts.resendConfirmation(c.req.valid("json")), 202),
    ),
  );
  app.openapi(
    login,
    rateLimit(limits.signIn, perClientAndEmail, async (c) =>
      c.json(await accounts.signIn(c.req.valid("json")), 200),
    ),
  );
  app.openapi(refresh, async (c) => c.json(await accounts.refresh(c.req.valid("json").refreshToken), 200));
  app.openapi(jwks, (c) => {
    // Keys rotate rarely; an hour of caching spares verifiers a fetch per token.
    c.header("Cache-Control", "public, max-age=3600");
    return c.json(accounts.jwks() as z.infer<typeof JwksSchema>, 200);
  });
}
