import { BatchGetItemCommand, GetItemCommand, type BatchGetItemCommandInput, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Loaders } from "../../loader/context.js";
import { RequestLimitExceeded } from "../../errors/index.js";
import { checkKeySize } from "../../model/dynamo-limits/index.js";
import { fromAttributeMap, type NativeItem, type RawItem } from "../../model/item.js";
import { keyAttributes } from "../../keys/primary.js";
import { sendRead } from "../raw-body.js";
import { sendCounted, withCapacity } from "../send.js";
import { drain, type RetryOptions } from "./retry.js";

/** A table key: what BatchGetItem asks for and answers by. */
export interface TableKey {
  readonly PK: string;
  readonly SK: string;
}

/** DynamoDB's limit of keys per BatchGetItem call. */
export const MAX_BATCH_GET = 100;

/** Throws a `ValidationError` when DynamoDB would refuse `key`: in a BatchGetItem, one such key fails every key of the call. */
export function checkTableKey(key: TableKey): void {
  checkKeySize("partition", key.PK, "key", []);
  checkKeySize("sort", key.SK, "key", []);
}

/** A key's cache id: cheap to build, and unambiguous whatever characters PK holds (its length leads). */
export function tableKeyId(key: TableKey): string {
  return `${key.PK.length}:${key.PK}${key.SK}`;
}

/** The BatchGetItem request for up to 100 keys of one table, without sending it. */
export function buildBatchGet(tableName: string, keys: readonly TableKey[], consistent = false): BatchGetItemCommandInput {
  return {
    RequestItems: {
      [tableName]: {
        Keys: keys.map(keyAttributes),
        ...(consistent ? { ConsistentRead: true } : {}),
      },
    },
  };
}

export interface BatchGetResult {
  /** Items found, by `tableKeyId`; a key processed but absent here has no item. */
  found: Map<string, NativeItem>;
  /** Keys DynamoDB never processed, after every retry. */
  unprocessed: readonly TableKey[];
  cause?: unknown;
}

export interface BatchGetRequest {
  client: DynamoDBClient;
  tableName: string;
  keys: readonly TableKey[];
  consistent?: boolean;
  retry: Required<RetryOptions>;
  /** The loaders each request is counted on. */
  loaders: Loaders | undefined;
}

/**
 * Gets up to 100 keys, retrying `UnprocessedKeys` (and throttled calls) with backoff.
 * Items are matched back to keys by PK and SK: BatchGetItem answers in no particular order.
 * A lone key is a GetItem: cheaper for DynamoDB than a BatchGetItem of one, and a smaller answer.
 */
export async function batchGetKeys(request: BatchGetRequest): Promise<BatchGetResult> {
  const { client, tableName, consistent } = request;
  const found = new Map<string, NativeItem>();
  const unique = [...new Map(request.keys.map((k) => [tableKeyId(k), k])).values()];
  if (unique.length > MAX_BATCH_GET) throw new RangeError(`batchGetKeys takes at most ${MAX_BATCH_GET} keys, got ${unique.length}`);
  const drained = await drain(
    unique,
    async (batch) => {
      if (batch.length === 1) {
        const key = batch[0]!;
        const get = withCapacity({ TableName: tableName, Key: keyAttributes(key), ...(consistent ? { ConsistentRead: true } : {}) });
        const out = await sendCounted(request.loaders, "GetItem", () => sendRead(client, get, () => client.send(new GetItemCommand(get))));
        if (out.Item) found.set(tableKeyId(key), fromAttributeMap(out.Item as RawItem));
        return [];
      }
      const batchGet = withCapacity(buildBatchGet(tableName, batch, consistent));
      const out = await sendCounted(request.loaders, "BatchGetItem", () => sendRead(client, batchGet, () => client.send(new BatchGetItemCommand(batchGet))));
      for (const raw of out.Responses?.[tableName] ?? []) {
        const item = fromAttributeMap(raw as RawItem);
        found.set(tableKeyId(item as unknown as TableKey), item);
      }
      return (out.UnprocessedKeys?.[tableName]?.Keys ?? []).map((k) => fromAttributeMap(k as RawItem) as unknown as TableKey);
    },
    request.retry,
  );
  // A spent budget fails the gets as a limit, not as keys DynamoDB left unprocessed.
  if (drained.cause instanceof RequestLimitExceeded) throw drained.cause;
  return { found, unprocessed: drained.left, ...(drained.cause === undefined ? {} : { cause: drained.cause }) };
}
