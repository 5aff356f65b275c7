import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type * as iam from "aws-cdk-lib/aws-iam";

/**
 * Item-level DynamoDB actions. `TransactWriteItems`/`TransactGetItems` are authorised per item by these
 * same actions, so they need no entry of their own. No `Scan`: every access pattern is a key or index read.
 */
export const tableItemActions = {
  read: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"],
  write: [
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
  ],
} as const;

/** Read and write items of the table and query its indexes; no table management, streams or scans. */
export function allowItemReadWrite(grantee: iam.IGrantable, table: dynamodb.ITable): void {
  table.grant(grantee, ...tableItemActions.read, ...tableItemActions.write);
}
