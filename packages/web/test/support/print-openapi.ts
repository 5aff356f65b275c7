// Prints the running API's `/api/openapi.json`: the embedded host started for real on free ports in a
// temp dir, then stopped. The web client's contract test (src/api/openapi-contract.test.ts) runs this.
import { HostHarness } from "../../../server/test/support/embedded-host-harness.js";

const harness = new HostHarness();
try {
  const host = await harness.start();
  const response = await fetch(`${host.url}/api/openapi.json`);
  if (!response.ok) throw new Error(`GET /api/openapi.json answered ${response.status}`);
  process.stdout.write(await response.text());
} finally {
  await harness.stop();
}
