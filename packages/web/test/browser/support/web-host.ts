import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ApiApp } from "../../../../server/src/http/app-env.js";
import { mountWebClient } from "../../../../server/src/http/web-client.js";
import { HostHarness } from "../../../../server/test/support/embedded-host-harness.js";

const webRoot = fileURLToPath(new URL("../../../", import.meta.url));
const photoFixtures = fileURLToPath(new URL("../../../../server/test/fixtures/", import.meta.url));

/** Newest modification time of the client's sources, to tell whether `dist` is stale. */
function newestSourceMtime(): number {
  const paths = [join(webRoot, "index.html"), join(webRoot, "vite.config.ts")];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else paths.push(path);
    }
  };
  walk(join(webRoot, "src"));
  return Math.max(...paths.map((path) => statSync(path).mtimeMs));
}

/** Builds the client (~1 s) when `dist` is missing or older than its sources. */
export function ensureClientBuilt(): void {
  const index = join(webRoot, "dist", "index.html");
  let builtAt = 0;
  try {
    builtAt = statSync(index).mtimeMs;
  } catch {}
  if (builtAt > newestSourceMtime()) return;
  const vite = join(webRoot, "..", "..", "node_modules", "vite", "bin", "vite.js");
  const result = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], {
    cwd: webRoot,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * The embedded host on free ports in a temp dir, serving the built client through `mountWebClient`, and
 * the photo fixtures at `/test-fixtures/{folder}/{name}` so pages can fetch real bytes to drop.
 */
export async function startWebHost(
  env: Record<string, string> = {},
  extend?: (app: ApiApp) => void,
): Promise<{ url: string; harness: HostHarness }> {
  ensureClientBuilt();
  const harness = new HostHarness();
  // A real port, not 0: the host derives its public URL, and so the bucket's CORS origin, from the
  // configured port, and with 0 the browser's uploads to the object store would be refused.
  const port = String(await freePort());
  const host = await harness.start(
    {
      extendApp: (app: ApiApp) => {
        app.get("/test-fixtures/:folder/:name", (c) => {
          const { folder, name } = c.req.param();
          if (!/^(photos|images)$/.test(folder) || !/^[\w.-]+$/.test(name)) return c.notFound();
          return c.body(readFileSync(join(photoFixtures, folder, name)), 200, {
            "Content-Type": "image/jpeg",
          });
        });
        extend?.(app);
        if (!mountWebClient(app)) throw new Error("packages/web/dist is missing");
      },
    },
    { SHOEBOX_PORT: port, ...env },
  );
  return { url: host.url, harness };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** A fixture's path on disk, for `setInputFiles`. */
export function fixturePath(folder: "photos" | "images", name: string): string {
  return join(photoFixtures, folder, name);
}
