import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs";

/**
 * Loads a TensorFlow.js model (`model.json` + weight files) from the local disk. tfjs has no `file://`
 * loader without `@tensorflow/tfjs-node`, so the files are read here and handed over from memory.
 */
export async function readModelFromDisk(modelJsonPath: string): Promise<tf.io.IOHandler> {
  const modelJson = JSON.parse(await readFile(modelJsonPath, "utf8")) as tf.io.ModelJSON;
  const weightPaths = modelJson.weightsManifest.flatMap((group) => group.paths);
  const weightFiles = await Promise.all(
    weightPaths.map((path) => readFile(join(dirname(modelJsonPath), path))),
  );
  const weightSpecs = modelJson.weightsManifest.flatMap((group) => group.weights);
  return tf.io.fromMemory(
    tf.io.getModelArtifactsForJSONSync(modelJson, weightSpecs, concatenate(weightFiles)),
  );
}

/**
 * Loads a model that nsfwjs ships as JS bundles: the model module's default export is the model JSON,
 * each weight module's default export is a base64 string. Decoding with `Buffer` takes ~15 ms; nsfwjs's
 * own loader converts character by character and needs ~10 s and ~500 MiB more memory for MobileNetV2.
 */
export async function readModelFromJsBundles(
  modelBundlePath: string,
  weightBundlePaths: readonly string[],
): Promise<tf.io.IOHandler> {
  const modelJson = await importDefault<tf.io.ModelJSON>(modelBundlePath);
  const weightShards = await Promise.all(
    weightBundlePaths.map(async (path) => Buffer.from(await importDefault<string>(path), "base64")),
  );
  const weightSpecs = modelJson.weightsManifest.flatMap((group) => group.weights);
  return tf.io.fromMemory(
    tf.io.getModelArtifactsForJSONSync(modelJson, weightSpecs, concatenate(weightShards)),
  );
}

async function importDefault<T>(path: string): Promise<T> {
  const loaded = (await import(pathToFileURL(path).href)) as { default: T };
  return loaded.default;
}

/** One ArrayBuffer holding exactly the given bytes (a Node Buffer may be a view into a larger pool). */
function concatenate(parts: readonly Buffer[]): ArrayBuffer {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return joined.buffer;
}
