import { isDeepStrictEqual } from "node:util";
import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { ErrorResponseSchema } from "../routes/common.schemas.js";

/** Told what an answer got wrong, e.g. `GET /api/photos/{photoId} answered 200: urls.web: expected string`. */
export type ResponseMismatchReport = (problem: string) => void;

/**
 * Statuses any route may answer without declaring them, because middleware or the error handler sends them
 * before or around the route (405 wrong method, 413 body too large, 415 not JSON, 500 a bug); their body must
 * still be the API's error shape.
 */
const UNDECLARED_ERROR_STATUSES = new Set([405, 413, 415, 500]);

/**
 * Checks every answer of a documented route against what the route declares: a declared status, a body that
 * its zod schema accepts, and no field the schema does not describe. The OpenAPI document (and the web
 * client's generated types) come from those declarations, so this keeps them true. The app tests turn it on;
 * production does not pay for it.
 */
export function responseConformance(
  app: Pick<OpenAPIHono, "openAPIRegistry">,
  report: ResponseMismatchReport,
): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const route = documentedRoute(app, c.req.method, c.req.path);
    if (!route) return;
    const problem = await mismatchOf(route, c.res.clone());
    if (problem) report(`${c.req.method} ${route.path} answered ${c.res.status}: ${problem}`);
  };
}

function documentedRoute(app: Pick<OpenAPIHono, "openAPIRegistry">, method: string, path: string) {
  const matches = app.openAPIRegistry.definitions.flatMap((definition) =>
    definition.type === "route" &&
    definition.route.method === method.toLowerCase() &&
    pathPattern(definition.route.path).test(path)
      ? [definition.route]
      : [],
  );
  // `/events/join` before `/events/{eventId}`: the route with fewer placeholders is the one that answered.
  return matches.sort((a, b) => placeholders(a.path) - placeholders(b.path))[0];
}

async function mismatchOf(route: RouteConfig, response: Response): Promise<string | undefined> {
  const declared = route.responses[response.status];
  const text = await response.text();
  if (!declared) {
    if (!UNDECLARED_ERROR_STATUSES.has(response.status)) return "the status is not declared";
    return bodyMismatch(ErrorResponseSchema, text);
  }
  if ("$ref" in declared) return undefined;
  const media = declared.content?.["application/json"];
  const schema = media && "schema" in media ? media.schema : undefined;
  if (!declared.content) return text === "" ? undefined : "a body where none is declared";
  if (!isZodSchema(schema)) return undefined;
  return bodyMismatch(schema, text);
}

interface ZodSchema {
  safeParse(value: unknown): {
    success: boolean;
    data?: unknown;
    error?: { issues: { path: PropertyKey[]; message: string }[] };
  };
}

function bodyMismatch(schema: ZodSchema, text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return "the body is not JSON";
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return (parsed.error?.issues ?? [])
      .map((issue) => `${issue.path.map(String).join(".") || "(body)"}: ${issue.message}`)
      .join("; ");
  }
  // zod drops keys an object schema does not list; anything dropped is a field the document does not describe.
  if (!isDeepStrictEqual(parsed.data, body)) {
    return `undeclared fields: ${undeclaredKeys(body, parsed.data).join(", ")}`;
  }
  return undefined;
}

function undeclaredKeys(sent: unknown, kept: unknown, at = ""): string[] {
  if (typeof sent !== "object" || sent === null || typeof kept !== "object" || kept === null) return [];
  return Object.entries(sent).flatMap(([key, value]) => {
    const path = at ? `${at}.${key}` : key;
    return key in kept ? undeclaredKeys(value, (kept as Record<string, unknown>)[key], path) : [path];
  });
}

function isZodSchema(schema: unknown): schema is ZodSchema {
  return typeof (schema as Partial<ZodSchema> | undefined)?.safeParse === "function";
}

const patterns = new Map<string, RegExp>();

function pathPattern(path: string): RegExp {
  let pattern = patterns.get(path);
  if (!pattern) {
    const source = path
      .split(/\{\w+\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
      .join("[^/]+");
    pattern = new RegExp(`^${source}$`);
    patterns.set(path, pattern);
  }
  return pattern;
}

function placeholders(path: string): number {
  return path.split("{").length - 1;
}
