import { AsyncLocalStorage } from "node:async_hooks";
import type { QueryCommandInput } from "@aws-sdk/client-dynamodb";
import type { NativeItem } from "../model/item.js";
import type { TableKey } from "../ops/batch/batch-get.js";
import type { QueryResult } from "../ops/read/query.js";
import type { PartitionRef, ReadShape } from "../ops/read/read-shape.js";
import type { OperationCost, RequestUsage } from "./budget.js";

/**
 * What reads go through while a loader scope is active. The items and results they answer
 * are the cached ones, shared by every reader of the scope (no copy per read): treat them as
 * read-only. Model instances built from them copy what they could change (lists, sets, maps).
 */
export interface Loaders {
  /** One item by table key, batched with the other gets of the same tick. */
  get(key: TableKey, consistent?: boolean): Promise<NativeItem | null>;
  /**
   * One Query page, deduplicated with identical reads and answered from enclosing ones.
   * `shape` describes the request; without it the read is only deduplicated.
   */
  query(input: QueryCommandInput, shape?: ReadShape): Promise<QueryResult>;
  /** Every page of a Query (a collection); it then answers the gets and reads inside it. */
  queryAll(input: QueryCommandInput, shape?: ReadShape): Promise<QueryResult>;
  /**
   * Puts stored items (with PK and SK) into the item cache, so gets of their keys send nothing.
   * @param options.consistent the items come from a strongly consistent read, so they also answer consistent gets. @default false
   */
  primeItems(items: readonly NativeItem[], options?: { consistent?: boolean }): void;
  /**
   * Records `items` as everything in one partition, read elsewhere: gets and narrower reads
   * of that partition are answered from them. `items` must be the partition's whole content.
   * @example loaders.primePartition({ partition: "U#u1#USER" }, items)
   */
  primePartition(partition: PartitionRef, items: readonly NativeItem[]): void;
  /** Drops cached items and the partition reads these keys' writes may have made stale. */
  forget(keys: readonly TableKey[]): void;
  /** Drops everything cached. */
  clear(): void;
  /**
   * Counts one DynamoDB request about to be sent in this scope; throws `RequestLimitExceeded`
   * once the scope's `maxRequests` were sent. Every request the library sends calls it.
   */
  spend(operation: string): void;
  /**
   * Adds what a response of this scope cost (capacity, items read, time); throws
   * `RequestLimitExceeded` once it took the consumed capacity past `maxReadCapacity` or
   * `maxWriteCapacity`. Every response the library receives calls it.
   */
  record(operation: string, usage: RequestUsage): void;
  /** What the scope's requests cost so far. */
  readonly cost: OperationCost;
}

const scope = new AsyncLocalStorage<Loaders>();

/** The loaders of the current scope (`withLoaders`, `runWithLoaders`), if any. */
export function currentLoaders(): Loaders | undefined {
  return scope.getStore();
}

/** Runs `fn` with `loaders` as the current scope; every read in its async call tree goes through them. */
export function runWithLoaders<T>(loaders: Loaders, fn: () => T): T {
  return scope.run(loaders, fn);
}

/** Clears `loaders`' view of these keys once `write` settles, whatever its outcome. */
export function invalidateAfter<T>(loaders: Loaders | undefined, keys: readonly TableKey[], write: Promise<T>): Promise<T> {
  return loaders ? write.finally(() => loaders.forget(keys)) : write;
}
