import { type IAspect, Lazy } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { IConstruct } from "constructs";

/**
 * What each wildcard action that CDK's own constructs write (bucket grants inside `BucketDeployment`)
 * is narrowed to: the calls their handlers make (`aws s3 cp` of the asset, `aws s3 sync --delete`).
 */
export const explicitActionsFor: Readonly<Record<string, readonly string[]>> = {
  "s3:GetObject*": ["s3:GetObject"],
  "s3:GetBucket*": ["s3:GetBucketLocation"],
  "s3:List*": ["s3:ListBucket"],
  "s3:DeleteObject*": ["s3:DeleteObject"],
  "s3:Abort*": ["s3:AbortMultipartUpload"],
};

/**
 * Rewrites wildcard actions in every IAM policy of the scope into the explicit actions above, so the app
 * holds "no `*` action anywhere" even for policies written by CDK constructs. A wildcard with no mapping
 * fails synthesis, naming it, instead of passing silently.
 */
export class ExplicitActions implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof iam.CfnPolicy)) return;
    const original: unknown = node.policyDocument;
    if (!(original instanceof iam.PolicyDocument)) return;
    // Rewritten lazily, on the unresolved document: its tokens (cross-stack references included) are
    // resolved afterwards by CDK as usual.
    node.policyDocument = Lazy.any({ produce: () => narrow(original.toJSON()) });
  }
}

interface Statement {
  Action?: string | string[];
  [key: string]: unknown;
}

function narrow(document: { Statement?: Statement[] } | undefined): unknown {
  if (document === undefined) return undefined;
  const statements = (document.Statement ?? []).map((statement) => {
    if (statement.Action === undefined) return statement;
    const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
    const explicit = [...new Set(actions.flatMap(expand))];
    return { ...statement, Action: explicit.length === 1 ? explicit[0] : explicit };
  });
  return { ...document, Statement: statements };
}

function expand(action: string): readonly string[] {
  if (!action.includes("*")) return [action];
  const explicit = explicitActionsFor[action];
  if (!explicit) throw new Error(`No explicit actions known for the wildcard action ${action}`);
  return explicit;
}
