import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import DataLoader from "dataloader";
import { UnprocessedError } from "../errors/index.js";
import type { NativeItem } from "../model/item.js";
import { batchGetKeys, checkTableKey, MAX_BATCH_GET, tableKeyId, type BatchGetResult, type TableKey } from "../ops/batch/batch-get.js";
import type { RetryOptions } from "../ops/batch/retry.js";
import { connectionKey } from "./connection.js";
import type { Loaders } from "./context.js";
import type { PartitionLoader } from "./partition-loader.js";
import { answerGet } from "./serve.js";

type Loader = DataLoader<TableKey, NativeItem | null, string>;
type LoaderEntry = { tableName: string; loader: Loader };

const NOTHING: BatchGetResult = { found: new Map(), unprocessed: [] };
const NO_ANSWERS: readonly undefined[] = [];

function failure(result: BatchGetResult): UnprocessedError | undefined {
  if (result.unprocessed.length === 0) return undefined;
  const keys = result.unprocessed.map((k) => ({ PK: k.PK, SK: k.SK }));
  return new UnprocessedError(`${keys.length} key(s) left unprocessed after every retry: ${keys.map((k) => `${k.PK} / ${k.SK}`).join(", ")}`, keys, { cause: result.cause });
}

/**
 * Gets by table key. Gets of one tick become BatchGetItem calls of up to 100 keys (a lone get a GetItem), one
 * DataLoader per (client, table, consistency) so consistent gets batch with ConsistentRead.
 * A get that a partition read of the same scope encloses is answered by that read instead.
 */
export class ItemLoader {
  /** Loaders by connection key, eventually consistent ones apart from consistent ones. */
  readonly #loaders = { eventual: new Map<string, LoaderEntry>(), consistent: new Map<string, LoaderEntry>() };

  constructor(
    private readonly partitions: PartitionLoader,
    private readonly retry: Required<RetryOptions>,
    /** The scope whose budget the requests are counted on. */
    private readonly owner: Loaders,
  ) {}

  load(client: DynamoDBClient, tableName: string, key: TableKey, consistent: boolean): Promise<NativeItem | null> {
    // Checked before batching: a key DynamoDB refuses must fail alone, not its whole batch.
    try {
      checkTableKey(key);
    } catch (error) {
      return Promise.reject(error);
    }
    const connection = connectionKey(client, tableName);
    const loader = this.#loader(client, tableName, connection, consistent);
    const source = this.partitions.sourceForGet(connection, key, consistent);
    if (!source) return loader.load(key);
    return answerGet(source, key).then((item) => (item === undefined ? loader.load(key) : item));
  }

  /** Caches items as already fetched (a consistent read serves consistent gets too). */
  prime(client: DynamoDBClient, tableName: string, items: readonly NativeItem[], consistent: boolean): void {
    for (const c of consistent ? [false, true] : [false]) {
      const loader = this.#loader(client, tableName, connectionKey(client, tableName), c);
      for (const item of items) loader.prime(item as unknown as TableKey, item);
    }
  }

  forget(tableName: string, key: TableKey): void {
    for (const entry of this.#entries()) if (entry.tableName === tableName) entry.loader.clear(key);
  }

  clear(): void {
    for (const entry of this.#entries()) entry.loader.clearAll();
  }

  #entries(): LoaderEntry[] {
    return [...this.#loaders.eventual.values(), ...this.#loaders.consistent.values()];
  }

  #loader(client: DynamoDBClient, tableName: string, connection: string, consistent: boolean): Loader {
    const loaders = consistent ? this.#loaders.consistent : this.#loaders.eventual;
    let entry = loaders.get(connection);
    if (!entry) {
      const loader: Loader = new DataLoader((keys) => this.#batch(loader, client, tableName, consistent, keys), { maxBatchSize: MAX_BATCH_GET, cacheKeyFn: tableKeyId });
      loaders.set(connection, (entry = { tableName, loader }));
    }
    return entry.loader;
  }

  /**
   * Keys that a read issued in the same tick encloses wait for that read; the rest go to
   * BatchGetItem at once. Keys the read could not settle (it was cut short) are fetched after.
   */
  async #batch(loader: Loader, client: DynamoDBClient, tableName: string, consistent: boolean, keys: readonly TableKey[]): Promise<(NativeItem | null | Error)[]> {
    const connection = connectionKey(client, tableName);
    const sources = keys.map((k) => this.partitions.sourceForGet(connection, k, consistent));
    const enclosed = sources.some((s) => s !== undefined);
    const fetch = (wanted: readonly TableKey[]) => (wanted.length ? batchGetKeys({ client, tableName, keys: wanted, consistent, retry: this.retry, loaders: this.owner }) : Promise.resolve(NOTHING));
    // Usually no read encloses any key: then no promise per key waits on one.
    const [direct, answers] = await Promise.all([
      fetch(enclosed ? keys.filter((_, i) => !sources[i]) : keys),
      enclosed ? Promise.all(keys.map((k, i) => (sources[i] ? answerGet(sources[i], k) : undefined))) : NO_ANSWERS,
    ]);
    const late = enclosed ? await fetch(keys.filter((_, i) => sources[i] && answers[i] === undefined)) : NOTHING;
    const errors = new Map<BatchGetResult, UnprocessedError | undefined>();
    return keys.map((key, i) => {
      const answer = answers[i];
      if (answer !== undefined) return answer;
      const result = sources[i] ? late : direct;
      const id = tableKeyId(key);
      if (result.unprocessed.length && result.unprocessed.some((k) => tableKeyId(k) === id)) {
        // A failed key is not cached: the next get of it tries again.
        loader.clear(key);
        if (!errors.has(result)) errors.set(result, failure(result));
        return errors.get(result)!;
      }
      return result.found.get(id) ?? null;
    });
  }
}
