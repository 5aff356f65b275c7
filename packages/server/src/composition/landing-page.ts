import type { ApiApp } from "../http/app-env.js";

/**
 * What `/` shows until the web client is served there: where the API and its description are. Plain
 * HTML, no scripts and no inline styles (the app's CSP allows neither).
 */
export function serveLandingPage(app: ApiApp): void {
  app.get("/", (c) =>
    c.html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Shoebox</title></head>
<body>
<h1>Shoebox is running</h1>
<p>The API is at <code>/api</code>; its OpenAPI 3.1 description is at <a href="/api/openapi.json">/api/openapi.json</a>.</p>
<p>Sign up with <code>POST /api/auth/signup</code> and confirm with the emailed code (<code>POST /api/auth/confirm</code>), create an event, and upload photos with presigned tickets.</p>
</body></html>`),
  );
}
