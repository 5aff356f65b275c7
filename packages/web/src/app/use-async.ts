import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";
import { describeError } from "../api/api-errors.js";

export type AsyncState<T> =
  | { status: "loading"; value?: undefined; error?: undefined }
  | { status: "ready"; value: T; error?: undefined }
  | { status: "error"; value?: undefined; error: string };

/**
 * Loads something when the screen appears, again when `deps` change (showing "loading") or when `reload`
 * is called (keeping what is shown until the new answer arrives). Late answers of a superseded load are
 * dropped.
 */
export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): AsyncState<T> & { reload: () => void; set: (value: T) => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);
  const reloading = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the load depends on
  useEffect(() => {
    const controller = new AbortController();
    if (!reloading.current) setState({ status: "loading" });
    reloading.current = false;
    load(controller.signal).then(
      (value) => !controller.signal.aborted && setState({ status: "ready", value }),
      (error: unknown) =>
        !controller.signal.aborted && setState({ status: "error", error: describeError(error) }),
    );
    return () => controller.abort();
  }, [...deps, generation]);
  const reload = useCallback(() => {
    reloading.current = true;
    setGeneration((value) => value + 1);
  }, []);
  const set = useCallback((value: T) => setState({ status: "ready", value }), []);
  return { ...state, reload, set };
}
