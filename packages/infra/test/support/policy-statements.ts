import type { Template } from "aws-cdk-lib/assertions";

/** A policy statement with its resources rendered as readable strings, for exact comparisons. */
export interface ReadableStatement {
  actions: string[];
  resources: string[];
  condition?: unknown;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * Renders CloudFormation values as text: cross-stack imports become `<photo-bucket>`, `<table>`,
 * `<upload-queue>`; references become `{AWS::Region}`, `{Logical.Attribute}`; `Fn::Join` is joined.
 */
export function render(value: Json): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value) || value === null || typeof value !== "object") return JSON.stringify(value);
  if ("Fn::Join" in value) {
    const [separator, parts] = value["Fn::Join"] as [string, Json[]];
    return parts.map(render).join(separator);
  }
  if ("Fn::ImportValue" in value) return importedName(String(value["Fn::ImportValue"]));
  if ("Ref" in value) return `{${String(value.Ref)}}`;
  if ("Fn::GetAtt" in value) return `{${(value["Fn::GetAtt"] as string[]).join(".")}}`;
  return JSON.stringify(value);
}

function importedName(exportName: string): string {
  const known: [RegExp, string][] = [
    [/PhotoBucketsPhotos.*Arn/, "<photo-bucket>"],
    [/MetadataTable.*Arn/, "<table>"],
    [/UploadEventsQueue.*Arn/, "<upload-queue>"],
    [/UploadEventsDeadLetters.*Arn/, "<upload-dead-letters>"],
  ];
  return known.find(([pattern]) => pattern.test(exportName))?.[1] ?? `<import ${exportName}>`;
}

/** Every statement of the inline policies attached to the role of the function whose id starts so. */
export function statementsOfFunction(template: Template, functionIdPrefix: string): ReadableStatement[] {
  const functions = template.findResources("AWS::Lambda::Function");
  const entry = Object.entries(functions).find(([id]) => id.startsWith(functionIdPrefix));
  if (!entry) throw new Error(`No function whose logical id starts with ${functionIdPrefix}`);
  const roleId = (entry[1].Properties.Role as { "Fn::GetAtt": string[] })["Fn::GetAtt"][0];
  const policies = Object.values(template.findResources("AWS::IAM::Policy")).filter((policy) =>
    (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
  );
  return policies.flatMap((policy) => readable(policy.Properties.PolicyDocument.Statement));
}

/** Every statement of every IAM policy in the template. */
export function allStatements(template: Template): ReadableStatement[] {
  return Object.values(template.findResources("AWS::IAM::Policy")).flatMap((policy) =>
    readable(policy.Properties.PolicyDocument.Statement),
  );
}

function readable(statements: { Action: string | string[]; Resource: Json; Condition?: unknown }[]) {
  return statements.map((statement) => {
    const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
    return {
      actions: [statement.Action].flat(),
      resources: resources.map(render),
      ...(statement.Condition === undefined ? {} : { condition: statement.Condition }),
    };
  });
}
