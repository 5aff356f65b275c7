#!/usr/bin/env node
// Runs every test that needs only npm: Node's test runner over `*.test.ts` files under packages/*/src and
// packages/*/test, then the web client's component tests (Vitest, which needs a DOM and JSX). The browser
// suite (`*.browser.test.ts`) runs with `--browser` (`npm run test:browser`).
// Node 20's test runner takes no globs, so the files are listed here.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const wantBrowser = process.argv.includes("--browser");
const filters = process.argv.slice(2).filter((a) => !a.startsWith("--"));

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

const files = [...walk(join(root, "packages"))]
  .map((p) => relative(root, p))
  .filter((p) => p.endsWith(".test.ts") || p.endsWith(".test.tsx"))
  .filter((p) => p.includes(".browser.test.") === wantBrowser)
  // The web client's own sources are tested by Vitest (below), not by Node's runner.
  .filter((p) => !p.startsWith(join("packages", "web", "src")))
  .filter((p) => filters.length === 0 || filters.some((f) => p.includes(f)))
  .sort();

if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}

const result = spawnSync(
  process.execPath,
  ["--conditions=source", "--import", "tsx", "--test", "--test-concurrency=2", ...files],
  { cwd: root, stdio: "inherit" },
);
let status = result.status ?? 1;

const wantComponents =
  !wantBrowser && (filters.length === 0 || filters.some((f) => "packages/web".includes(f)));
if (wantComponents) {
  const components = spawnSync("npm", ["run", "test:components", "--workspace", "packages/web"], {
    cwd: root,
    stdio: "inherit",
  });
  if (components.status !== 0) status = components.status ?? 1;
}
process.exit(status);
