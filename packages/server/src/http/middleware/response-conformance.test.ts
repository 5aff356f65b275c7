import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { errorResponses } from "../routes/common.schemas.js";
import { jsonContent as json } from "../routes/json-content.js";
import { responseConformance } from "./response-conformance.js";

const ThingSchema = z.object({ id: z.string(), size: z.number().int().nullable() });

/** One documented route whose handler answers whatever the test asks for. */
function appAnswering(answer: { status: number; body?: unknown }) {
  const problems: string[] = [];
  const app = new OpenAPIHono();
  app.use(
    "/api/*",
    responseConformance(app, (problem) => problems.push(problem)),
  );
  const api = new OpenAPIHono();
  const route = createRoute({
    method: "get",
    path: "/things/{thingId}",
    request: { params: z.object({ thingId: z.string() }) },
    responses: {
      200: { description: "A thing", ...json(ThingSchema) },
      204: { description: "Nothing" },
      ...errorResponses(404),
    },
  });
  // The handler deliberately answers outside its declaration, as a drifting route would.
  api.openapi(route, (c) =>
    answer.body === undefined
      ? c.body(null, answer.status as 204)
      : (c.json(answer.body, answer.status as 200) as never),
  );
  api.get("/undocumented", (c) => c.json({ anything: true }));
  app.route("/api", api);
  const request = async (path = "/api/things/t1") => {
    await app.request(path);
    return problems;
  };
  return { request };
}

describe("responseConformance", () => {
  it("accepts answers that match their declared status and schema", async () => {
    assert.deepEqual(await appAnswering({ status: 200, body: { id: "t1", size: null } }).request(), []);
    assert.deepEqual(await appAnswering({ status: 204 }).request(), []);
    const notFound = { error: { code: "NOT_FOUND", message: "No such thing" } };
    assert.deepEqual(await appAnswering({ status: 404, body: notFound }).request(), []);
    const crash = { error: { code: "INTERNAL", message: "Something broke", requestId: "r1" } };
    assert.deepEqual(await appAnswering({ status: 500, body: crash }).request(), []);
  });

  it("reports a field of the wrong type, naming the route, the status and the field", async () => {
    const problems = await appAnswering({ status: 200, body: { id: "t1", size: "big" } }).request();
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^GET \/api\/things\/\{thingId\} answered 200: size: /);
  });

  it("reports fields the schema does not describe, however deep", async () => {
    const body = { id: "t1", size: 3, secret: "x" };
    assert.deepEqual(await appAnswering({ status: 200, body }).request(), [
      "GET /api/things/{thingId} answered 200: undeclared fields: secret",
    ]);
  });

  it("reports an undeclared status, and an error body that is not the API's error shape", async () => {
    assert.deepEqual(
      await appAnswering({ status: 409, body: { error: { code: "C", message: "m" } } }).request(),
      ["GET /api/things/{thingId} answered 409: the status is not declared"],
    );
    const problems = await appAnswering({ status: 404, body: { message: "gone" } }).request();
    assert.match(problems[0] ?? "", /answered 404: error: /);
  });

  it("leaves routes that are not in the document alone", async () => {
    assert.deepEqual(await appAnswering({ status: 200, body: {} }).request("/api/undocumented"), []);
  });
});
