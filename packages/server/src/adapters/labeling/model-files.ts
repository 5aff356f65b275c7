import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";

// Resolved from this file, so the same code finds the packages from `src/` (tsx) and from `dist/` (node).
const require = createRequire(import.meta.url);

/**
 * The directory of an installed package, found by resolving one of its entry points and walking up to the
 * `package.json` that carries its name. Needed because `@vladmandic/human` and `nsfwjs` do not export
 * their `package.json`, and nested `package.json` files (`{"type": "commonjs"}`) sit in their `dist/`.
 */
export function packageDirectory(packageName: string, entryPoint: string = packageName): string {
  let directory = dirname(require.resolve(entryPoint));
  for (;;) {
    const manifest = join(directory, "package.json");
    if (existsSync(manifest) && readPackageName(manifest) === packageName) return directory;
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`Cannot find the directory of the package ${packageName}`);
    directory = parent;
  }
}

function readPackageName(manifestPath: string): unknown {
  return (JSON.parse(readFileSync(manifestPath, "utf8")) as { name?: unknown }).name;
}

/** Where the model files and the WebAssembly binaries live on disk; nothing is fetched at run time. */
export interface ModelFiles {
  /** CenterNet (COCO-80) graph model shipped by `@vladmandic/human`: `model.json` format plus `.bin`. */
  centernetModelJson: string;
  /** nsfwjs MobileNetV2 layers model, bundled as a JS module whose default export is the model JSON. */
  nsfwModelBundle: string;
  /** …and its single weight shard, a JS module whose default export is the weights in base64. */
  nsfwWeightBundle: string;
  /** Directory holding `tfjs-backend-wasm*.wasm`, with a trailing separator (tfjs prepends it to file names). */
  wasmDirectory: string;
}

/** Locates every file the labeling worker loads, inside the installed npm packages. */
export function locateModelFiles(): ModelFiles {
  const nsfwModels = join(packageDirectory("nsfwjs", "nsfwjs/core"), "dist", "models", "mobilenet_v2");
  return {
    centernetModelJson: join(packageDirectory("@vladmandic/human"), "models", "centernet.json"),
    nsfwModelBundle: join(nsfwModels, "model.min.js"),
    nsfwWeightBundle: join(nsfwModels, "group1-shard1of1.min.js"),
    wasmDirectory: dirname(require.resolve("@tensorflow/tfjs-backend-wasm")) + sep,
  };
}
