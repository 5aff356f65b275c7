import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { decodeSortKeyCursor, keysetPage, type SortKey } from "../../domain/cursor.js";
import { ValidationError } from "../../domain/errors.js";
import { assertPageRequest, type Page, type PageRequest } from "../../domain/page.js";
import { isSortableTime, type TableKey } from "./keys.js";
import type { IndexName } from "./table-definition.js";

type Item = Record<string, unknown>;

/** A range of one partition of the table or of an index, read in sort-key order. */
export interface PartitionRange {
  tableName: string;
  /** Omit to read the table itself. */
  indexName?: IndexName;
  /** The partition key's value. */
  partition: string;
  /** Descending sort-key order (newest first for time-first keys). */
  descending: boolean;
  /** Only sort keys below this (exclusive). */
  sortKeyBelow?: string;
  /** Strongly consistent (table only; indexes are always eventually consistent). */
  consistent?: boolean;
}

/**
 * Up to `count` items of `range` (all of them for `Infinity`), from after `startKey` if given. Follows `LastEvaluatedKey`, so a page
 * is never short because DynamoDB stopped at its 1 MB response limit.
 */
export async function queryItems(
  client: DynamoDBDocumentClient,
  range: PartitionRange,
  count: number,
  startKey?: Item,
): Promise<Item[]> {
  const prefix = range.indexName ?? "";
  const items: Item[] = [];
  let exclusiveStartKey = startKey;
  do {
    const out = await client.send(
      new QueryCommand({
        TableName: range.tableName,
        ...(range.indexName === undefined ? {} : { IndexName: range.indexName }),
        KeyConditionExpression: range.sortKeyBelow === undefined ? "#pk = :pk" : "#pk = :pk AND #sk < :below",
        ExpressionAttributeNames: {
          "#pk": `${prefix}PK`,
          ...(range.sortKeyBelow === undefined ? {} : { "#sk": `${prefix}SK` }),
        },
        ExpressionAttributeValues: {
          ":pk": range.partition,
          ...(range.sortKeyBelow === undefined ? {} : { ":below": range.sortKeyBelow }),
        },
        ScanIndexForward: !range.descending,
        ...(Number.isFinite(count) ? { Limit: count - items.length } : {}),
        ...(range.consistent === true ? { ConsistentRead: true } : {}),
        ...(exclusiveStartKey === undefined ? {} : { ExclusiveStartKey: exclusiveStartKey }),
      }),
    );
    items.push(...(out.Items ?? []));
    exclusiveStartKey = out.LastEvaluatedKey;
  } while (exclusiveStartKey !== undefined && items.length < count);
  return items;
}

/**
 * One keyset page of `range`. The cursor carries the last item's sort key (time, id), as every adapter's
 * does, and `startKeyAt` rebuilds the full `ExclusiveStartKey` from it within this range's partition: a
 * cursor can only ever continue the list it came from, and a tampered one is a `ValidationError` or a
 * position in that same list, never a read of another partition.
 */
export async function queryKeysetPage<T>(
  client: DynamoDBDocumentClient,
  range: PartitionRange,
  page: PageRequest,
  options: {
    startKeyAt: (sortKey: SortKey) => Item;
    toValue: (item: Item) => T;
    sortKeyOf: (value: T) => SortKey;
  },
): Promise<Page<T>> {
  assertPageRequest(page);
  const startKey =
    page.cursor === undefined ? undefined : options.startKeyAt(decodeCursorSortKey(page.cursor));
  const items = await queryItems(client, range, page.limit + 1, startKey);
  return keysetPage(items, page.limit, options.toValue, options.sortKeyOf);
}

function decodeCursorSortKey(cursor: string): SortKey {
  const sortKey = decodeSortKeyCursor(cursor);
  // A time no key can hold was never in a cursor of ours.
  if (!isSortableTime(sortKey[0])) throw new ValidationError("The page cursor is malformed");
  return sortKey;
}

/** BatchGetItem's limit on keys per request. */
const BATCH_GET_MAX_KEYS = 100;

/**
 * The items at `keys`, strongly consistent, in the order of `keys` (`undefined` where none exists).
 * Retries the keys DynamoDB left unprocessed (it may, under load) after a short wait.
 */
export async function getItemsInOrder(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly TableKey[],
): Promise<(Item | undefined)[]> {
  const found = new Map<string, Item>();
  const unique = [...new Map(keys.map((key) => [keyId(key), key])).values()];
  for (let start = 0; start < unique.length; start += BATCH_GET_MAX_KEYS) {
    let pending: Item[] = unique.slice(start, start + BATCH_GET_MAX_KEYS).map((key) => ({ ...key }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** Math.min(attempt, 6)));
      const out = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of out.Responses?.[tableName] ?? []) found.set(keyId(item as TableKey), item);
      pending = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return keys.map((key) => found.get(keyId(key)));
}

function keyId(key: TableKey): string {
  return `${key.PK}\u0000${key.SK}`;
}
