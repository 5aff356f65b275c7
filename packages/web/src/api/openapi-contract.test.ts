// @vitest-environment node
/// <reference types="node" />
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { type Endpoint, endpoints } from "./endpoints.js";

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
}
interface JsonSchema {
  $ref?: string;
  allOf?: JsonSchema[];
  properties?: Record<string, unknown>;
  required?: string[];
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** The document of the real API: the embedded host is started in a child process and asked for it. */
function fetchOpenApiFromRealServer(): OpenApiDocument {
  const repoRoot = new URL("../../../../", import.meta.url).pathname;
  const output = execFileSync(
    process.execPath,
    ["--conditions=source", "--import", "tsx", "packages/web/test/support/print-openapi.ts"],
    {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  return JSON.parse(output) as OpenApiDocument;
}

/** A schema with `$ref`s followed and `allOf` parts merged into one object schema. */
function resolve(document: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  if (schema?.$ref)
    return resolve(document, document.components.schemas[schema.$ref.replace("#/components/schemas/", "")]);
  if (!schema?.allOf) return schema;
  const parts = schema.allOf.map((part) => resolve(document, part) ?? {});
  return {
    properties: Object.assign({}, ...parts.map((part) => part.properties ?? {})),
    required: parts.flatMap((part) => part.required ?? []),
  };
}

describe("the API client against /api/openapi.json", () => {
  let document: OpenApiDocument;
  beforeAll(() => {
    document = fetchOpenApiFromRealServer();
  }, 60_000);

  const cases = Object.entries(endpoints as Record<string, Endpoint>).map(
    ([name, endpoint]) => [name, endpoint] as const,
  );

  it.each(cases)("%s: the route exists with the method the client uses", (_, endpoint) => {
    const operation = document.paths[endpoint.path]?.[endpoint.method.toLowerCase()];
    expect(operation, `${endpoint.method} ${endpoint.path} is not in the document`).toBeDefined();
  });

  it.each(cases)("%s: the path and query parameters the client sends are declared", (_, endpoint) => {
    const parameters = document.paths[endpoint.path]?.[endpoint.method.toLowerCase()]?.parameters ?? [];
    const pathNames = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
    expect(parameters.filter((p) => p.in === "path").map((p) => p.name)).toEqual(pathNames);
    const queryNames = parameters.filter((p) => p.in === "query").map((p) => p.name);
    for (const name of endpoint.query ?? []) expect(queryNames, `?${name}`).toContain(name);
  });

  it.each(cases)(
    "%s: the body fields the client sends exist, and it can send every required one",
    (_, endpoint) => {
      const operation = document.paths[endpoint.path]?.[endpoint.method.toLowerCase()];
      const schema = resolve(document, operation?.requestBody?.content?.["application/json"]?.schema);
      if (!endpoint.body) {
        expect(schema?.required ?? []).toEqual([]);
        return;
      }
      expect(schema, `${endpoint.path} takes no JSON body`).toBeDefined();
      const properties = Object.keys(schema?.properties ?? {});
      for (const field of endpoint.body) expect(properties, `field ${field}`).toContain(field);
      for (const field of schema?.required ?? []) expect(endpoint.body, `required ${field}`).toContain(field);
    },
  );
});
