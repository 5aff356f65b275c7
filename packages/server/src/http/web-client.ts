import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Context } from "hono";
import type { ApiApp, AppEnv } from "./app-env.js";

/** `packages/web/dist`, from `src/http/` (tsx) and `dist/http/` (built) alike. */
export const DEFAULT_WEB_DIST_DIR = fileURLToPath(new URL("../../../web/dist/", import.meta.url));

/** Paths the client never answers: the API, signed delivery, and the server-rendered share pages. */
const SERVER_PREFIXES = ["/api/", "/cdn/", "/s/"];
const SERVER_EXACT = new Set(["/api", "/cdn", "/s"]);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/** Hashed names never change content: a year, immutable. Everything else is revalidated. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

export interface WebClientOptions {
  /** Where the built client is (default: `packages/web/dist`). */
  distDir?: string;
}

/**
 * Serves the built web client on the app: files from `dist` (hashed `/assets/*` cached for a year,
 * `index.html` revalidated with an ETag), and `index.html` for every other GET that is not a file, so
 * client routes (`/events/…`, `/join/{code}`, `/g/{token}`) load the app. `/api/*`, `/cdn/*` and `/s/*`
 * are never answered here. Mount it after the API routes. Returns false, mounting nothing, when the client
 * has not been built (`npm run build -w packages/web`), so the host can show its landing page instead.
 *
 * @example if (!mountWebClient(app)) serveLandingPage(app);
 */
export function mountWebClient(app: ApiApp, options: WebClientOptions = {}): boolean {
  const root = resolve(options.distDir ?? DEFAULT_WEB_DIST_DIR);
  const indexPath = resolve(root, "index.html");
  if (!isFile(indexPath)) return false;

  const handler = async (c: Context<AppEnv>, next: () => Promise<void>) => {
    const path = c.req.path;
    if (SERVER_EXACT.has(path) || SERVER_PREFIXES.some((prefix) => path.startsWith(prefix))) return next();
    const file = fileFor(root, path);
    if (file && (await isFileAsync(file))) {
      const cache = path.startsWith("/assets/") ? IMMUTABLE : REVALIDATE;
      return sendFile(c, file, cache);
    }
    // A missing asset or file-looking path is a 404, not the app: a stale hashed name must not get HTML.
    if (path.startsWith("/assets/") || extname(path) !== "") return next();
    return sendFile(c, indexPath, REVALIDATE);
  };
  app.on(["GET", "HEAD"], "*", handler);
  return true;
}

/** The file a request path names inside `root`, or undefined for anything that escapes it. */
function fileFor(root: string, requestPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const file = resolve(root, `.${decoded}`);
  return file.startsWith(root + sep) ? file : undefined;
}

async function sendFile(c: Context<AppEnv>, file: string, cacheControl: string): Promise<Response> {
  const body = await readFile(file);
  const etag = `"${createHash("sha1").update(body).digest("base64url")}"`;
  const headers = {
    "Content-Type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
    "Cache-Control": cacheControl,
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
  };
  if (c.req.header("If-None-Match") === etag) return c.body(null, 304, headers);
  if (c.req.method === "HEAD") return c.body(null, 200, headers);
  return c.body(body, 200, headers);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

async function isFileAsync(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
