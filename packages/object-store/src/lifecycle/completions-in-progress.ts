/**
 * The multipart uploads a CompleteMultipartUpload is assembling right now. Completion reads the parts for a
 * while before the transaction that turns them into the object; the expiry sweep leaves these uploads
 * alone, so a completion that started never loses its parts halfway (if it fails, the upload stays and a
 * later sweep takes it). In memory on purpose: after a crash no completion is in progress.
 */
export class CompletionsInProgress {
  private readonly holders = new Map<string, number>();

  /** Marks `uploadId` as being completed until the returned release is called (once). */
  begin(uploadId: string): () => void {
    this.holders.set(uploadId, (this.holders.get(uploadId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const remaining = (this.holders.get(uploadId) ?? 1) - 1;
      if (remaining > 0) this.holders.set(uploadId, remaining);
      else this.holders.delete(uploadId);
    };
  }

  has(uploadId: string): boolean {
    return this.holders.has(uploadId);
  }
}
