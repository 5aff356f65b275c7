import type { Socket } from "node:net";
import type { RequestContext } from "./request-context.js";

/**
 * What is left of a refused request's body is read and thrown away, up to this many bytes, before the
 * error is sent: most refused bodies (forms with a tampered field, small PUTs) end within it, the client
 * reads its error and the connection stays open for the next request.
 */
export const DRAIN_LIMIT_BYTES = 1024 * 1024;
/** A body that stalls for this long is not waited for any longer. */
const DRAIN_IDLE_MS = 2_000;
/**
 * After an error sent before the body ended, the rest of the body is read and discarded for up to this
 * long, then the connection is closed (a "lingering close", as Apache and nginx do). Closing it at once,
 * with the client's bytes still arriving, makes the kernel answer them with a reset, and a reset makes
 * clients (undici's fetch, browsers) drop the error response they had not read yet.
 */
export const LINGER_MS = 30_000;

/** Whether the request still has body bytes that nobody read. */
export function hasUnreadBody(ctx: RequestContext): boolean {
  return !ctx.req.complete && !ctx.req.destroyed;
}

/**
 * Reads and discards the rest of the request body, up to `DRAIN_LIMIT_BYTES` and while bytes keep
 * coming. Resolves `true` when the body ended (the connection can be kept), `false` otherwise. A client
 * still waiting for `100 Continue` has sent no body and is not waited for.
 */
export function drainUnreadBody(ctx: RequestContext): Promise<boolean> {
  const { req } = ctx;
  if (!hasUnreadBody(ctx)) return Promise.resolve(!req.destroyed);
  if (ctx.awaitingContinue) return Promise.resolve(false);
  // Whatever was reading the body (form parser, chunk decoder, file) gave up on it; the bytes are ours now.
  req.unpipe();
  return new Promise((resolve) => {
    let drained = 0;
    let idle: NodeJS.Timeout;
    const settle = (ended: boolean) => {
      clearTimeout(idle);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("close", onClose);
      if (!ended) req.pause();
      resolve(ended);
    };
    const onData = (chunk: Buffer) => {
      drained += chunk.length;
      idle.refresh();
      if (drained > DRAIN_LIMIT_BYTES) settle(false);
    };
    const onEnd = () => settle(true);
    const onClose = () => settle(req.complete);
    idle = setTimeout(() => settle(false), DRAIN_IDLE_MS);
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("close", onClose);
    req.resume();
  });
}

/**
 * Makes the response close its connection gracefully while the client may still be sending: the answer
 * carries `Connection: close`; once it is sent, the rest of the body is read and discarded, and the
 * connection is shut when the body ends (nothing unread, so no reset) or destroyed after `LINGER_MS`.
 * Call before the response is written.
 */
export function closeAfterResponseLingering(ctx: RequestContext): void {
  const { req, res } = ctx;
  const socket = req.socket as Socket & { destroySoon?: () => void };
  res.setHeader("connection", "close");
  // Node's server ends a `Connection: close` response by calling `socket.destroySoon()`, which destroys the
  // socket as soon as the response is flushed. On this one socket, linger instead. (Our side is not shut
  // before the body ends: once it is, Node's HTTP parser stops reading from the socket.)
  socket.destroySoon = () => {
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
    req.once("end", () => socket.end());
    req.on("data", () => {});
    req.resume();
  };
}
