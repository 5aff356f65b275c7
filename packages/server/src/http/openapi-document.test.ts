import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createAppHarness, PUBLIC_URL } from "../../test/support/app-harness.js";
import { AccountService } from "../services/accounts/account.service.js";

const expectedOperations = [
  "post /auth/signup",
  "post /auth/confirm",
  "post /auth/resend-confirmation",
  "post /auth/login",
  "post /auth/refresh",
  "get /.well-known/jwks.json",
  "get /me",
  "post /events",
  "get /events",
  "get /events/{eventId}",
  "patch /events/{eventId}",
  "delete /events/{eventId}",
  "post /events/{eventId}/invitations",
  "get /invitations",
  "post /events/{eventId}/invite-code",
  "post /events/join",
  "post /events/{eventId}/join",
  "get /events/{eventId}/attendees",
  "delete /events/{eventId}/attendees/{userId}",
  "post /events/{eventId}/photos/initiate-upload",
  "post /photos/initiate-upload",
  "post /photos",
  "get /events/{eventId}/photos",
  "get /photos",
  "get /photos/{photoId}",
  "delete /photos/{photoId}",
  "post /photos/{photoId}/approve",
  "post /photos/{photoId}/retry",
  "put /events/{eventId}/attendees/{userId}/role",
  "put /events/{eventId}/approval-mode",
  "get /events/{eventId}/review",
  "post /events/{eventId}/review",
  "post /photos/{photoId}/share",
  "post /shares",
  "get /shares",
  "delete /shares/{shareId}",
  "get /public/shares/{token}",
  "post /public/shares/{token}/unlock",
  "post /events/{eventId}/guest-links",
  "get /events/{eventId}/guest-links",
  "get /events/{eventId}/labels",
  "delete /guest-links/{linkId}",
  "get /guest/{token}",
  "post /guest/{token}/initiate-upload",
  "get /guest/{token}/photos",
  "get /invites/{code}",
  "get /events/{eventId}/uploaders",
  "get /guest/{token}/photos/{photoId}",
  "delete /guest/{token}/photos/{photoId}",
];

/** The document only lists the auth routes; none of its methods run here. */
const accountsForDocs = Object.create(AccountService.prototype) as AccountService;

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3.1 document listing every route, with bearer security on protected ones", async () => {
    const { call } = createAppHarness({ accounts: accountsForDocs });
    const res = await call("GET", "/api/openapi.json");
    assert.equal(res.status, 200);
    const doc = res.body;
    assert.equal(doc.openapi, "3.1.0");
    assert.deepEqual(doc.servers, [{ url: `${PUBLIC_URL}/api` }]);
    assert.deepEqual(doc.components.securitySchemes.bearerAuth, {
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
      description: "An id token from /api/auth/login (embedded) or Cognito",
    });

    const operations: string[] = [];
    for (const [path, item] of Object.entries<Record<string, { security?: unknown; responses: object }>>(
      doc.paths,
    )) {
      for (const [method, operation] of Object.entries(item)) {
        operations.push(`${method} ${path}`);
        // Share pages and guest uploads need only the link's token, never an account.
        const isPublic = ["/auth/", "/.well-known/", "/public/", "/guest/", "/invites/"].some((prefix) =>
          path.startsWith(prefix),
        );
        assert.deepEqual(
          operation.security,
          isPublic ? undefined : [{ bearerAuth: [] }],
          `${method} ${path}`,
        );
        assert.ok(Object.keys(operation.responses).length > 0);
      }
    }
    assert.deepEqual(operations.sort(), [...expectedOperations].sort());
  });

  it("describes bodies and responses from the validating schemas", async () => {
    const { call } = createAppHarness();
    const doc = (await call("GET", "/api/openapi.json")).body;
    const initiate = doc.paths["/photos/initiate-upload"].post;
    assert.deepEqual(initiate.requestBody.content["application/json"].schema, {
      $ref: "#/components/schemas/InitiateUpload",
    });
    assert.deepEqual(doc.components.schemas.InitiateUpload.required.sort(), [
      "contentType",
      "filename",
      "size",
    ]);
    assert.ok(initiate.responses["201"]);
    const direct = doc.paths["/photos"].post;
    assert.ok(direct.requestBody.content["multipart/form-data"]);
    assert.ok(direct.requestBody.content["image/jpeg"]);
    assert.ok(direct.responses["413"]);
    assert.equal(doc.paths["/auth/signup"], undefined, "auth routes only exist on the embedded host");
  });
});
