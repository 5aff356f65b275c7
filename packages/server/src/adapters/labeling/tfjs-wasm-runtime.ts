import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

let started: Promise<void> | undefined;

/**
 * Selects TensorFlow.js's WebAssembly backend with its binaries read from the local package (the default
 * would be looked up relative to a script URL; `@tensorflow/tfjs-node` is not an option because it
 * downloads libtensorflow at install time). Runs once per thread; later calls share the first start.
 */
export function useWasmBackend(wasmDirectory: string): Promise<void> {
  started ??= start(wasmDirectory);
  return started;
}

async function start(wasmDirectory: string): Promise<void> {
  setWasmPaths(wasmDirectory);
  const selected = await tf.setBackend("wasm");
  if (!selected) throw new Error(`TensorFlow.js could not start its wasm backend from ${wasmDirectory}`);
  await tf.ready();
}
