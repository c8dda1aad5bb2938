import type { QueryCommandInput } from "@aws-sdk/client-dynamodb";
import type { NativeItem } from "../model/item.js";
import type { TableKey } from "../ops/batch/batch-get.js";
import { checkRetryOptions, type RetryOptions } from "../ops/batch/retry.js";
import { partitionQuery } from "../ops/read/partition-query.js";
import type { QueryResult } from "../ops/read/query.js";
import type { PartitionRef, ReadShape } from "../ops/read/read-shape.js";
import { table } from "../table/table.js";
import { RequestBudget, type OperationCost, type RequestUsage } from "./budget.js";
import { runWithLoaders, type Loaders } from "./context.js";
import { ItemLoader } from "./item-loader.js";
import { PartitionLoader } from "./partition-loader.js";

/** Options of `createLoaders` and `withLoaders`. */
export interface LoaderOptions {
  /**
   * How BatchGetItem calls retry `UnprocessedKeys` and throttling before the gets fail
   * with `UnprocessedError`.
   * @default { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 5000 }
   */
  retry?: RetryOptions;
  /**
   * DynamoDB requests the scope may send in all (reads, writes, retries); past it, reads and
   * writes fail with `RequestLimitExceeded` before anything is sent. GraphQL operations get
   * their `limits.maxRequests`.
   * @default unlimited
   */
  maxRequests?: number;
  /**
   * Read capacity units the scope may consume. Known only from responses: the response that
   * takes the total past it fails with `RequestLimitExceeded`, and nothing is sent after it.
   * @default unlimited
   */
  maxReadCapacity?: number;
  /** Write capacity units the scope may consume, enforced like `maxReadCapacity`. @default unlimited */
  maxWriteCapacity?: number;
}

/**
 * The loaders of one request: an item loader and a partition loader sharing what they read.
 * Items are handed out as cached, shared by every reader of the scope and never changed:
 * instances copy what they could change (`fromStoredItem`), so nothing is deep-copied here.
 */
class LoaderScope implements Loaders {
  /** Counts the times cached reads were dropped: what was derived from them before is stale. */
  #generation = 0;
  readonly #partitions = new PartitionLoader(this);
  readonly #items: ItemLoader;
  readonly #budget: RequestBudget;

  constructor(options: LoaderOptions) {
    this.#items = new ItemLoader(this.#partitions, checkRetryOptions(options.retry), this);
    this.#budget = new RequestBudget(options);
  }

  get(key: TableKey, consistent = false): Promise<NativeItem | null> {
    // Not async: the loader's promise is handed on as it is, without wrapping it in another per get.
    try {
      return this.#items.load(table.client, table.name, key, consistent);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  query(input: QueryCommandInput, shape?: ReadShape): Promise<QueryResult> {
    return this.#partitions.read(table.client, input, shape, false);
  }

  queryAll(input: QueryCommandInput, shape?: ReadShape): Promise<QueryResult> {
    return this.#partitions.read(table.client, input, shape, true);
  }

  primeItems(items: readonly NativeItem[], options: { consistent?: boolean } = {}): void {
    this.#items.prime(table.client, table.name, structuredClone(items), options.consistent ?? false);
  }

  primePartition(partition: PartitionRef, items: readonly NativeItem[]): void {
    const { input, shape } = partitionQuery(partition);
    this.#partitions.prime(table.client, input, shape, structuredClone(items));
  }

  static generationOf(loaders: Loaders): number | undefined {
    return #generation in loaders ? loaders.#generation : undefined;
  }

  forget(keys: readonly TableKey[]): void {
    this.#generation++;
    const tableName = table.name;
    for (const key of keys) {
      this.#items.forget(tableName, key);
      this.#partitions.forget(tableName, key.PK);
    }
  }

  clear(): void {
    this.#generation++;
    this.#items.clear();
    this.#partitions.clear();
  }

  spend(operation: string): void {
    this.#budget.spend(operation);
  }

  record(operation: string, usage: RequestUsage): void {
    this.#budget.record(operation, usage);
  }

  get cost(): OperationCost {
    return this.#budget.cost;
  }
}

/**
 * Changes whenever `loaders` drop cached reads (a write's `forget`, `clear`), so what was
 * derived from their answers can be kept until then; undefined for loaders made elsewhere.
 */
export function cacheGeneration(loaders: Loaders): number | undefined {
  return LoaderScope.generationOf(loaders);
}

/**
 * New loaders for one request. Run code under them with `runWithLoaders`; the GraphQL layer
 * does so per operation. Caches live as long as the object: make one per request.
 */
export function createLoaders(options: LoaderOptions = {}): Loaders {
  return new LoaderScope(options);
}

/**
 * Runs `fn` with fresh loaders: gets of one tick become BatchGetItem calls, identical and
 * enclosed partition reads share one Query, and collections answer the gets and reads of
 * their partition. Concurrent calls never share a cache.
 *
 * @example
 * const [order, orders] = await withLoaders(() =>
 *   Promise.all([Order.objects.get({ user_id: "u1", order_id: "o1" }), Order.objects.using({ user_id: "u1" }).all()]),
 * ); // one Query: the get is answered from the read of its partition
 */
export function withLoaders<T>(fn: (loaders: Loaders) => T | Promise<T>, options: LoaderOptions = {}): Promise<T> {
  const loaders = createLoaders(options);
  return runWithLoaders(loaders, async () => fn(loaders));
}
