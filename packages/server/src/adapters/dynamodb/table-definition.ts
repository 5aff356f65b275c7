import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/** The generic secondary indexes; what each one serves is documented in this folder's README. */
export const INDEX_NAMES = ["GSI1", "GSI2", "GSI3", "GSI4", "GSI5", "GSI6"] as const;

export type IndexName = (typeof INDEX_NAMES)[number];

/** A key attribute. `type` is DynamoDB's scalar type letter, which CDK's `AttributeType.STRING` also is. */
export interface KeyAttribute {
  name: string;
  type: "S";
}

export interface GlobalSecondaryIndexDefinition {
  indexName: IndexName;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  /** Every index projects whole items: a list page is one Query, with no follow-up reads. */
  projection: "ALL";
}

/**
 * Shoebox's single table, described once so that the CDK construct (`packages/infra`) and the test harness
 * create the same thing. Keys are generic (`PK`/`SK`, `GSInPK`/`GSInSK`): which entity lives under which
 * key is the adapters' business, so new entities (share links, guest links) need no table change.
 */
export interface SingleTableDefinition {
  tableName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  globalSecondaryIndexes: readonly GlobalSecondaryIndexDefinition[];
  /** Epoch seconds; DynamoDB deletes an item some time (up to ~48 h) after it. Readers still check expiry. */
  timeToLiveAttribute: string;
  billingMode: "PAY_PER_REQUEST";
}

/** The attribute DynamoDB's TTL reads (epoch seconds). No photo or event item sets it. */
export const TIME_TO_LIVE_ATTRIBUTE = "ttl";

/**
 * The table's definition under `tableName`.
 *
 * @example new TableV2(this, "Table", { partitionKey: tableDefinition(name).partitionKey, … })
 */
export function tableDefinition(tableName: string): SingleTableDefinition {
  return {
    tableName,
    partitionKey: { name: "PK", type: "S" },
    sortKey: { name: "SK", type: "S" },
    globalSecondaryIndexes: INDEX_NAMES.map((indexName) => ({
      indexName,
      partitionKey: { name: `${indexName}PK`, type: "S" },
      sortKey: { name: `${indexName}SK`, type: "S" },
      projection: "ALL",
    })),
    timeToLiveAttribute: TIME_TO_LIVE_ATTRIBUTE,
    billingMode: "PAY_PER_REQUEST",
  };
}

/**
 * The `CreateTable` request for a definition: key schema, attribute definitions, indexes, on-demand
 * billing. TTL is a separate call (`UpdateTimeToLive` with `definition.timeToLiveAttribute`).
 */
export function createTableInput(definition: SingleTableDefinition): CreateTableCommandInput {
  const keyAttributes = [
    definition.partitionKey,
    definition.sortKey,
    ...definition.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return {
    TableName: definition.tableName,
    BillingMode: definition.billingMode,
    KeySchema: [
      { AttributeName: definition.partitionKey.name, KeyType: "HASH" },
      { AttributeName: definition.sortKey.name, KeyType: "RANGE" },
    ],
    AttributeDefinitions: keyAttributes.map((key) => ({ AttributeName: key.name, AttributeType: key.type })),
    GlobalSecondaryIndexes: definition.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: "HASH" },
        { AttributeName: index.sortKey.name, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: index.projection },
    })),
  };
}
