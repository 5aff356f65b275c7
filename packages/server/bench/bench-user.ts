import { signUpAndConfirm } from "../test/support/api-client.js";
import type { TestMailbox } from "../test/support/test-mailbox.js";

/**
 * The benchmark hosts' one user: signed up and confirmed through `mailbox` like anyone else, organizer of
 * one event. Returns its token and the event's id.
 */
export async function benchUserWithEvent(
  url: string,
  mailbox: TestMailbox,
): Promise<{ token: string; eventId: string }> {
  const { idToken } = await signUpAndConfirm(url, mailbox, {
    email: "bench@example.test",
    password: "benchmark-password",
    name: "Bench",
  });
  const res = await fetch(`${url}/api/events`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${idToken}` },
    body: JSON.stringify({ name: "Benchmark" }),
  });
  if (res.status !== 201) throw new Error(`creating the benchmark event failed: ${res.status}`);
  const event = (await res.json()) as { id: string };
  return { token: idToken, eventId: event.id };
}
