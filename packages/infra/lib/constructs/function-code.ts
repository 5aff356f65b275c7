import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type * as lambda from "aws-cdk-lib/aws-lambda";

/**
 * Where a function's code comes from: a TypeScript entry bundled by esbuild at synth time (the real app),
 * or ready-made code (tests use placeholder code so synthesis needs neither esbuild, Docker nor network).
 */
export type FunctionCode =
  | { kind: "bundled"; entry: string; nodeModules?: readonly string[]; extraEntries?: readonly ExtraEntry[] }
  | { kind: "ready"; code: lambda.Code; handler: string };

/** A second file bundled beside `index.mjs`, for code the handler loads by path (worker threads). */
export interface ExtraEntry {
  source: string;
  outputName: string;
}

/** The code of each Shoebox function. */
export interface ServerFunctionCodes {
  api: FunctionCode;
  pipeline: FunctionCode;
  reconcile: FunctionCode;
}

const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const serverSource = `${repoRoot}packages/server/src/`;

/** The repository root (where `package-lock.json` and the shared `node_modules` are). */
export function repositoryRoot(): string {
  return repoRoot;
}

/** The Lambda entrypoints of `packages/server`, bundled; `sharp` (native) is installed for linux-x64. */
export function serverEntrypoints(): ServerFunctionCodes {
  const entry = (name: string) => `${serverSource}entrypoints/lambda/${name}.ts`;
  return {
    api: { kind: "bundled", entry: entry("api") },
    pipeline: {
      kind: "bundled",
      entry: entry("pipeline"),
      nodeModules: ["sharp"],
      // The HEIC decoder runs in a worker thread started from `heic-decode.worker.mjs` beside the bundle.
      extraEntries: [
        {
          source: `${serverSource}adapters/imaging/heic-decode.worker.ts`,
          outputName: "heic-decode.worker.mjs",
        },
      ],
    },
    reconcile: { kind: "bundled", entry: entry("reconcile") },
  };
}

/** Entry files of {@link serverEntrypoints} that do not exist (yet). */
export function missingEntrypoints(codes: ServerFunctionCodes = serverEntrypoints()): string[] {
  return Object.values(codes)
    .filter((code): code is Extract<FunctionCode, { kind: "bundled" }> => code.kind === "bundled")
    .map((code) => code.entry)
    .filter((entry) => !existsSync(entry));
}

/** The version of a package installed in the repository, so the Lambda gets what the tests ran against. */
export function installedVersion(packageName: string): string {
  const manifest = JSON.parse(
    readFileSync(`${repoRoot}node_modules/${packageName}/package.json`, "utf8"),
  ) as { version: string };
  return manifest.version;
}
