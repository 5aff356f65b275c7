import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

/** How long a client is told to wait before retrying a request that came while the host was starting. */
const RETRY_AFTER_SECONDS = 1;

/**
 * The request listener of a server that must listen before it can serve: the embedded host binds its port
 * first (a token's issuer names the real port), then builds the app. A request in between used to reach a
 * server with no `request` listener and was never answered. Until `open` hands over the real listener,
 * every request gets `503` with `Retry-After` and the JSON error shape, so no client hangs.
 *
 * @example
 * const gate = new StartupGate();
 * const server = createServer(gate.listener);
 * await listen(server); // …build the app…
 * gate.open(getRequestListener(app.fetch));
 */
export class StartupGate {
  private serve: RequestListener | undefined;

  /** Pass this to `createServer`: it answers 503 until `open`, then delegates to the listener given there. */
  readonly listener: RequestListener = (req, res) => {
    if (this.serve) this.serve(req, res);
    else answerStarting(req, res);
  };

  open(serve: RequestListener): void {
    this.serve = serve;
  }
}

function answerStarting(req: IncomingMessage, res: ServerResponse): void {
  const body = JSON.stringify({
    error: { code: "STARTING", message: "Shoebox is starting; try again in a moment" },
  });
  // The body (if any) is not read: close the connection after answering, so no unread bytes are parsed as
  // the next request. Reading is resumed so the socket drains instead of stalling the client's send.
  req.resume();
  res.writeHead(503, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Retry-After": String(RETRY_AFTER_SECONDS),
    "Cache-Control": "no-store",
    Connection: "close",
  });
  res.end(body);
}
