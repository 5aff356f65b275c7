import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type SynthesizedShoebox, synthesizeWithPlaceholderCode } from "./support/placeholder-app.js";
import { allStatements, type ReadableStatement, statementsOfFunction } from "./support/policy-statements.js";

const xray = { actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resources: ["*"] };
const itemRead = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"];
const itemWrite = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
];
const tableAndIndexes = ["<table>", "<table>/index/*"];
const ssmParameter =
  "arn:{AWS::Partition}:ssm:{AWS::Region}:{AWS::AccountId}:parameter/shoebox/test/cdn-private-key";
const grantSecretParameter =
  "arn:{AWS::Partition}:ssm:{AWS::Region}:{AWS::AccountId}:parameter/shoebox/test/grant-secret";

/** Order of statements is CDK's business; their content is ours. */
function sorted(statements: ReadableStatement[]): ReadableStatement[] {
  return [...statements].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe("least privilege (placeholder function code)", () => {
  let shoebox: SynthesizedShoebox;
  let webBuild: string;

  before(() => {
    // A web build exists, so the web stack's BucketDeployment and its CDK-written policy are there too.
    webBuild = mkdtempSync(join(tmpdir(), "shoebox-web-dist-"));
    mkdirSync(join(webBuild, "assets"));
    writeFileSync(join(webBuild, "index.html"), "<!doctype html><title>Shoebox</title>");
    shoebox = synthesizeWithPlaceholderCode({ webDistDir: webBuild });
  });
  after(() => {
    shoebox.dispose();
    rmSync(webBuild, { recursive: true, force: true });
  });

  it("lets the ticket issuer put objects only under uploads/, and read and delete only what it serves", () => {
    assert.deepEqual(
      sorted(statementsOfFunction(shoebox.api, "ApiHandler")),
      sorted([
        xray,
        { actions: ["ssm:GetParameter"], resources: [ssmParameter] },
        { actions: ["ssm:GetParameter"], resources: [grantSecretParameter] },
        { actions: ["s3:PutObject", "s3:GetObject"], resources: ["<photo-bucket>/uploads/*"] },
        {
          actions: ["s3:DeleteObject"],
          resources: ["<photo-bucket>/uploads/*", "<photo-bucket>/variants/*"],
        },
        { actions: [...itemRead, ...itemWrite], resources: tableAndIndexes },
        {
          actions: ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
          resources: ["<upload-queue>"],
        },
      ]),
    );
  });

  it("lets the pipeline read and delete uploads (and their newer versions, to undo a replayed ticket), write and delete variants, and call only the two Rekognition APIs", () => {
    assert.deepEqual(
      sorted(statementsOfFunction(shoebox.api, "PipelineHandler")),
      sorted([
        xray,
        {
          actions: [
            "sqs:ReceiveMessage",
            "sqs:ChangeMessageVisibility",
            "sqs:GetQueueUrl",
            "sqs:DeleteMessage",
            "sqs:GetQueueAttributes",
          ],
          resources: ["<upload-queue>"],
        },
        {
          actions: ["s3:GetObject", "s3:DeleteObject", "s3:DeleteObjectVersion"],
          resources: ["<photo-bucket>/uploads/*"],
        },
        { actions: ["s3:PutObject", "s3:DeleteObject"], resources: ["<photo-bucket>/variants/*"] },
        { actions: ["s3:ListBucket"], resources: ["<photo-bucket>"] },
        { actions: [...itemRead, ...itemWrite], resources: tableAndIndexes },
        { actions: ["rekognition:DetectLabels", "rekognition:DetectModerationLabels"], resources: ["*"] },
      ]),
    );
  });

  it("lets the reconciler only look for uploads, peek at dead letters and mark pending photos expired or failed", () => {
    assert.deepEqual(
      sorted(statementsOfFunction(shoebox.api, "ReconcilerHandler")),
      sorted([
        xray,
        { actions: ["sqs:ReceiveMessage"], resources: ["<upload-dead-letters>"] },
        { actions: ["s3:GetObject"], resources: ["<photo-bucket>/uploads/*"] },
        { actions: ["s3:ListBucket"], resources: ["<photo-bucket>"] },
        { actions: [...itemRead, "dynamodb:PutItem", "dynamodb:DeleteItem"], resources: tableAndIndexes },
      ]),
    );
  });

  it("gives no function a write to originals outside uploads/ nor any right on the web bucket", () => {
    const functionIds = ["ApiHandler", "PipelineHandler", "ReconcilerHandler"];
    for (const id of functionIds) {
      for (const statement of statementsOfFunction(shoebox.api, id)) {
        if (statement.actions.includes("s3:PutObject")) {
          const allowed = id === "PipelineHandler" ? "<photo-bucket>/variants/*" : "<photo-bucket>/uploads/*";
          assert.deepEqual(statement.resources, [allowed], `${id} writes only under ${allowed}`);
        }
        for (const resource of statement.resources) assert.doesNotMatch(resource, /WebClient/);
      }
    }
  });

  it("has no wildcard action in any IAM policy of any stack, CDK-written ones included", () => {
    const templates = { data: shoebox.data, api: shoebox.api, web: shoebox.web };
    let checked = 0;
    for (const [name, template] of Object.entries(templates)) {
      for (const statement of allStatements(template)) {
        for (const action of statement.actions) {
          assert.ok(!action.includes("*"), `${name}: wildcard action ${action}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 40, `expected to check every action, checked ${checked}`);
  });

  it("narrows the web deployment's wildcard S3 rights to explicit actions", () => {
    const s3Actions = allStatements(shoebox.web)
      .flatMap((statement) => statement.actions)
      .filter((action) => action.startsWith("s3:"));
    assert.deepEqual([...new Set(s3Actions)].sort(), [
      "s3:AbortMultipartUpload",
      "s3:DeleteObject",
      "s3:GetBucketLocation",
      "s3:GetObject",
      "s3:ListBucket",
      "s3:PutObject",
      // Explicit already in CDK's grantReadWrite; harmless on a bucket without object lock.
      "s3:PutObjectLegalHold",
      "s3:PutObjectRetention",
      "s3:PutObjectTagging",
      "s3:PutObjectVersionTagging",
    ]);
  });
});
