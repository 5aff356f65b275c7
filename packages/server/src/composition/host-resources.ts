/** Something a host started and must release on close: a function, or an object with `close()`. */
export type Closable = (() => Promise<void> | void) | { close(): Promise<void> | void };

/**
 * What a host has started so far, released in reverse order on close — also when starting fails halfway,
 * so a failed start leaves no port bound and no file open.
 */
export class HostResources {
  private readonly started: Closable[] = [];

  add(resource: Closable): void {
    this.started.push(resource);
  }

  async closeAll(): Promise<void> {
    for (const resource of this.started.splice(0).reverse()) {
      await (typeof resource === "function" ? resource() : resource.close());
    }
  }
}
