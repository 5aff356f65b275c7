import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** What both DynamoDB repositories are built from. */
export interface DynamoRepositoryOptions {
  /**
   * Any marshalling options will do: the adapters never hand the client `undefined` (so
   * `removeUndefinedValues` is neither needed nor harmful) and read numbers as plain numbers (the default).
   */
  client: DynamoDBDocumentClient;
  /** A table created from `tableDefinition` (see `table-definition.ts`). */
  tableName: string;
}
