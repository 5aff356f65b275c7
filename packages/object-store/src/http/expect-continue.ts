import type { RequestContext } from "./request-context.js";

/**
 * Sends `100 Continue` to a client that asked for it (`Expect: 100-continue`), once. The server takes
 * Node's `checkContinue` event, so nothing is sent before this: a request refused before its body is read
 * (bad signature, unknown bucket or upload …) gets its final answer instead, and the client never sends a
 * body nobody will read. Called right before a body is read, which is after authentication.
 */
export function grantContinue(ctx: RequestContext): void {
  if (!ctx.awaitingContinue) return;
  ctx.awaitingContinue = false;
  ctx.res.writeContinue();
}
