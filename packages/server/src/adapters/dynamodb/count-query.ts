import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { IndexName } from "./table-definition.js";

/**
 * How many items one index partition holds: a Query with `Select: COUNT` (no items come back; DynamoDB
 * still reads them, about 1 read unit per 4 KB, following `LastEvaluatedKey` past its 1 MB page).
 */
export async function countPartition(
  client: DynamoDBDocumentClient,
  tableName: string,
  indexName: IndexName,
  partition: string,
): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: indexName,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": `${indexName}PK` },
        ExpressionAttributeValues: { ":pk": partition },
        Select: "COUNT",
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    count += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey !== undefined);
  return count;
}
