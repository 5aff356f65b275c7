import { createHash } from "node:crypto";

/** Small helpers for the server-rendered pages (share and guest pages): escaping and one shared layout. */

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML content and attribute values; every user-supplied string goes through it.
 *
 * @example escapeHtml(`<b>"Tom" & co</b>`) // → "&lt;b&gt;&quot;Tom&quot; &amp; co&lt;/b&gt;"
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** A tagged template whose interpolations are escaped unless they are `Raw` (already-built markup). */
export class Raw {
  constructor(readonly html: string) {}
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += renderValue(value) + (strings[index + 1] ?? "");
  });
  return new Raw(out);
}

function renderValue(value: unknown): string {
  if (value instanceof Raw) return value.html;
  if (Array.isArray(value)) return value.map(renderValue).join("");
  if (value === undefined || value === null || value === false) return "";
  return escapeHtml(String(value));
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,sans-serif;line-height:1.5;color:#1d1d1f;background:#fafafa}
main{max-width:64rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.5rem 0}p{margin:.5rem 0}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.5rem;padding:0;list-style:none}
.grid img{width:100%;aspect-ratio:1;object-fit:cover;border-radius:.4rem;display:block;background:#ddd}
.hero img{max-width:100%;height:auto;border-radius:.4rem;display:block;margin:0 auto}
.muted{color:#666;font-size:.9rem}a{color:#0b57d0}
form{display:flex;flex-direction:column;gap:.6rem;max-width:24rem}
input,button{font:inherit;padding:.6rem;border-radius:.4rem;border:1px solid #bbb}
button{background:#0b57d0;color:#fff;border:0;cursor:pointer}.error{color:#b00020}
`;

/** The CSP source that allows exactly the pages' one `<style>` element, and no other inline style. */
export const PAGE_STYLE_SOURCE = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

/**
 * The page skeleton: responsive (works from 320 px up), readable without scripts, nothing from other sites
 * but the images the page names.
 */
export function page(title: string, body: Raw): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head>
<body><main>${body.html}</main></body></html>`;
}
