import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import { DomainError, LinkGoneError } from "../../domain/errors.js";
import { SUPPORTED_CONTENT_TYPES } from "../../domain/upload-rules.js";
import type { GuestUploadService } from "../../services/sharing/guest-upload.service.js";
import type { ApiApp, AppEnv } from "../app-env.js";
import { html, page, Raw } from "./html.js";

/**
 * The guest upload page, `/g/{token}`: a form that asks the API for a ticket per file
 * (`POST /api/guest/{token}/initiate-upload`) and uploads it straight to storage with the presigned POST —
 * the same flow as signed-in users. A small inline script (allowed by a per-response nonce) does the two
 * steps; the web client will replace the page later.
 */
export function registerGuestPage(app: ApiApp, deps: { guestUploads: GuestUploadService }): void {
  app.get("/g/:token", async (c) => {
    const token = c.req.param("token");
    try {
      const info = await deps.guestUploads.describe(token);
      const nonce = randomBytes(16).toString("base64");
      const limits = [
        info.uploadsLeft === undefined ? undefined : `${info.uploadsLeft} photos left`,
        info.bytesLeft === undefined ? undefined : `${Math.floor(info.bytesLeft / 1_000_000)} MB left`,
      ].filter(Boolean);
      const body = html`<h1>Add photos to ${info.eventName}</h1>
<p class="muted">No account needed. ${limits.join(" · ")}</p>
<form id="guest-upload" data-token="${token}">
<input type="file" name="files" accept="${SUPPORTED_CONTENT_TYPES.join(",")}" multiple required aria-label="Photos">
<input type="text" name="guestName" maxlength="60" placeholder="Your name (optional)" aria-label="Your name">
${info.passwordRequired ? html`<input type="password" name="password" required placeholder="Password" aria-label="Password">` : ""}
<button type="submit">Upload</button></form><ul id="progress" class="muted"></ul>
<script nonce="${nonce}">${new Raw(UPLOAD_SCRIPT)}</script>`;
      return respond(c, 200, `Upload to ${info.eventName}`, body, nonce);
    } catch (error) {
      if (error instanceof LinkGoneError) {
        return respond(
          c,
          410,
          "Link no longer available",
          html`<h1>This upload link is no longer available</h1>
<p>${error.message}.</p>`,
        );
      }
      if (error instanceof DomainError && error.code === "NOT_FOUND") {
        return respond(c, 404, "Not found", html`<h1>This upload link does not exist</h1>`);
      }
      throw error;
    }
  });
}

function respond(c: Context<AppEnv>, status: 200 | 404 | 410, title: string, body: Raw, nonce?: string) {
  c.header("Cache-Control", "no-store");
  c.header("Referrer-Policy", "no-referrer");
  c.header(
    "Content-Security-Policy",
    `default-src 'none'; script-src ${nonce ? `'nonce-${nonce}'` : "'none'"}; style-src 'unsafe-inline'; connect-src 'self' http: https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  );
  return c.html(page(title, body), status);
}

/** Ticket, then upload, one file at a time; errors are shown next to the file's name. */
const UPLOAD_SCRIPT = `
const form = document.getElementById("guest-upload");
const progress = document.getElementById("progress");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  for (const file of data.getAll("files")) {
    const line = document.createElement("li");
    line.textContent = file.name + ": uploading…";
    progress.append(line);
    try {
      const res = await fetch("/api/guest/" + encodeURIComponent(form.dataset.token) + "/initiate-upload", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ filename: file.name, contentType: file.type, size: file.size,
          guestName: data.get("guestName") || undefined, password: data.get("password") || undefined }),
      });
      const ticket = await res.json();
      if (!res.ok) throw new Error(ticket.error ? ticket.error.message : res.statusText);
      const upload = new FormData();
      for (const [name, value] of Object.entries(ticket.fields)) upload.append(name, value);
      upload.append("file", file);
      const stored = await fetch(ticket.url, { method: "POST", body: upload });
      if (!stored.ok) throw new Error("the upload was refused (" + stored.status + ")");
      line.textContent = file.name + ": done, thank you!";
    } catch (error) {
      line.textContent = file.name + ": " + error.message;
      line.className = "error";
    }
  }
});
`;
