/**
 * Wakes long-polling requests as soon as the pipeline changes a photo, instead of waiting for their next
 * poll. Optional: the embedded host runs API and pipeline in one process and has one; on AWS the API and
 * pipeline Lambdas share no memory, so the service polls the repository with backoff instead.
 */
export interface PhotoChangeNotifier {
  /** Tells every waiter on `photoId` that its record changed. */
  notify(photoId: string): void;
  /**
   * Resolves `true` when `notify(photoId)` is called, `false` after `timeoutMs` or when `signal` aborts.
   * Never rejects.
   */
  waitForChange(photoId: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
}
