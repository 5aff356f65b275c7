import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { DomainError, LinkGoneError, PasswordRequiredError, RateLimitedError } from "../../domain/errors.js";
import type { PublicShare, PublicShareService } from "../../services/sharing/public-share.service.js";
import type { ApiApp, AppEnv } from "../app-env.js";
import type { ClientAddressOf } from "../client-address.js";
import { html, PAGE_STYLE_SOURCE, page, type Raw } from "./html.js";

const GRANT_COOKIE = "shoebox_share";

/**
 * The public share page, `/s/{token}`: server-rendered HTML, no scripts. Shows the photo or the event's
 * ready photos (thumbnails linking to the web-size image, downloads when allowed), asks for the password of
 * a protected link (`POST /s/{token}` sets a cookie scoped to this link's path), and explains revoked,
 * expired and unknown links. The web client may replace it later; `GET /api/public/shares/{token}` is the
 * same content as JSON.
 */
export function registerSharePage(
  app: ApiApp,
  deps: { publicShares: PublicShareService; clientAddress: ClientAddressOf; secureCookies: boolean },
): void {
  const { publicShares, clientAddress } = deps;

  app.get("/s/:token", async (c) => {
    const token = c.req.param("token");
    const grant = getCookie(c, GRANT_COOKIE);
    const cursor = c.req.query("cursor");
    try {
      const share = await publicShares.open(token, {
        ...(grant === undefined ? {} : { grant }),
        ...(cursor === undefined ? {} : { cursor }),
      });
      return respond(c, 200, share.title ?? "Shared photo", renderShare(share, token), imageOrigins(share));
    } catch (error) {
      return errorPage(c, error, token);
    }
  });

  app.post("/s/:token", async (c) => {
    const token = c.req.param("token");
    const form = await c.req.parseBody();
    const password = typeof form.password === "string" ? form.password : "";
    try {
      const { grant, expiresAt } = await publicShares.unlock(token, password, clientAddress(c));
      setCookie(c, GRANT_COOKIE, grant, {
        path: `/s/${token}`,
        httpOnly: true,
        sameSite: "Lax",
        secure: deps.secureCookies,
        expires: expiresAt,
      });
      return c.redirect(`/s/${encodeURIComponent(token)}`, 303);
    } catch (error) {
      return errorPage(c, error, token);
    }
  });
}

function renderShare(share: PublicShare, token: string): Raw {
  const expires = html`<p class="muted">This link works until ${share.expiresAt.toUTCString()}.</p>`;
  if (share.kind === "photo") {
    const [photo] = share.photos;
    return html`<h1>${share.title ?? "A shared photo"}</h1>
<div class="hero"><a href="${photo?.urls.web}"><img src="${photo?.urls.web}" alt="${photo?.title ?? "Shared photo"}"
 ${photo?.width ? html`width="${photo.width}" height="${photo.height}"` : ""}></a></div>
${photo?.description ? html`<p>${photo.description}</p>` : ""}
${photo?.urls.download ? html`<p><a href="${photo.urls.download}">Download</a></p>` : ""}${expires}`;
  }
  const items = share.photos.map(
    (photo) => html`<li><a href="${photo.urls.web}"><img src="${photo.urls.thumb}" loading="lazy"
 alt="${photo.title ?? "Photo"}"></a>${photo.urls.download ? html`<a class="muted" href="${photo.urls.download}">Download</a>` : ""}</li>`,
  );
  return html`<h1>${share.title}</h1>${share.description ? html`<p>${share.description}</p>` : ""}
${share.photos.length === 0 ? html`<p class="muted">No photos yet.</p>` : html`<ul class="grid">${items}</ul>`}
${share.nextCursor ? html`<p><a href="/s/${encodeURIComponent(token)}?cursor=${encodeURIComponent(share.nextCursor)}">More photos</a></p>` : ""}${expires}`;
}

function passwordForm(token: string, wrong: boolean): Raw {
  return html`<h1>This share is protected</h1><p>Enter the password you were given.</p>
<form method="post" action="/s/${encodeURIComponent(token)}">
<input type="password" name="password" aria-label="Password" autocomplete="current-password" required>
${wrong ? html`<p class="error">That password is not correct.</p>` : ""}<button type="submit">Open</button></form>`;
}

function errorPage(c: Context<AppEnv>, error: unknown, token: string): Response {
  if (error instanceof PasswordRequiredError) {
    return respond(c, 401, "Password needed", passwordForm(token, error.wrongPassword));
  }
  if (error instanceof RateLimitedError) {
    c.header("Retry-After", String(error.retryAfterSeconds));
    return respond(
      c,
      429,
      "Too many attempts",
      html`<h1>Too many attempts</h1>
<p>Try again in ${error.retryAfterSeconds} seconds.</p>`,
    );
  }
  if (error instanceof LinkGoneError) {
    return respond(
      c,
      410,
      "Link no longer available",
      html`<h1>This link is no longer available</h1>
<p>${error.message}. Ask the person who shared it for a new one.</p>`,
    );
  }
  if (error instanceof DomainError && error.code === "NOT_FOUND") {
    return respond(
      c,
      404,
      "Not found",
      html`<h1>Nothing to see here</h1>
<p>This link does not exist, or what it shared was removed.</p>`,
    );
  }
  if (error instanceof DomainError && error.code === "VALIDATION_FAILED") {
    return respond(c, 400, "Bad request", html`<h1>That page does not exist</h1>`);
  }
  throw error;
}

function respond(
  c: Context<AppEnv>,
  status: 200 | 400 | 401 | 404 | 410 | 429,
  title: string,
  body: Raw,
  imgOrigins: string[] = [],
) {
  c.header("Cache-Control", "no-store");
  // The token is in the URL: never leak it to the CDN or any other site through Referer.
  c.header("Referrer-Policy", "no-referrer");
  c.header(
    "Content-Security-Policy",
    `default-src 'none'; img-src ${["'self'", ...imgOrigins].join(" ")}; style-src ${PAGE_STYLE_SOURCE}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  );
  return c.html(page(title, body), status);
}

function imageOrigins(share: PublicShare): string[] {
  return [
    ...new Set(
      share.photos.flatMap((photo) => [new URL(photo.urls.thumb).origin, new URL(photo.urls.web).origin]),
    ),
  ];
}
