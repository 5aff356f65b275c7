import assert from "node:assert/strict";
import { request } from "node:http";
import { connect, createServer } from "node:net";
import { after, describe, it } from "node:test";
import type { EmbeddedHost } from "../src/composition/embedded-host.js";
import { HostHarness } from "./support/embedded-host-harness.js";

/** A bound on each answer: far above a normal answer, far below the 60 s a client once waited in vain. */
const ANSWER_TIMEOUT_MS = 10_000;

/** A port free right now (taken and released), so the test knows where the host will listen before it does. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `port` accepts a TCP connection, trying every few milliseconds. */
async function waitUntilAccepting(port: number, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (accepted) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`port ${port} never accepted a connection`);
}

/** `GET path`, failing if no answer (status line and body) arrives within the bound. */
function get(port: number, path: string): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path, agent: false, timeout: ANSWER_TIMEOUT_MS },
      (res) => {
        res.resume();
        res.once("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.once("timeout", () => req.destroy(new Error(`no answer to GET ${path} on port ${port}`)));
    req.once("error", reject);
    req.end();
  });
}

describe("embedded host during startup", { timeout: 120_000 }, () => {
  const harness = new HostHarness();
  let starting: Promise<EmbeddedHost> | undefined;
  after(async () => {
    await starting?.catch(() => undefined);
    await harness.stop();
  });

  it("answers every request sent as soon as each port accepts connections: ready, or 503 with Retry-After", async () => {
    const [appPort, s3Port] = [await freePort(), await freePort()];
    starting = harness.start({}, { SHOEBOX_PORT: String(appPort), SHOEBOX_S3_PORT: String(s3Port) });
    const deadline = Date.now() + 60_000;

    const probe = async (port: number, paths: string[]) => {
      await waitUntilAccepting(port, deadline);
      return Promise.all(paths.map((path) => get(port, path)));
    };
    const [appAnswers, s3Answers] = await Promise.all([
      probe(appPort, ["/", "/api/health", "/api/me", "/events"]),
      probe(s3Port, ["/", "/photos?list-type=2"]),
    ]);
    await starting;

    for (const answer of appAnswers) {
      if (answer.status === 503) assert.equal(answer.headers["retry-after"], "1");
      else assert.ok([200, 401, 404].includes(answer.status), `unexpected status ${answer.status}`);
    }
    for (const answer of s3Answers) {
      if (answer.status === 503) assert.ok(answer.headers["retry-after"]);
      else
        assert.ok(answer.status >= 400 && answer.status < 500, `anonymous S3 request got ${answer.status}`);
    }
    // Once started, the app answers for real.
    const ready = await get(appPort, "/");
    assert.notEqual(ready.status, 503);
  });
});
