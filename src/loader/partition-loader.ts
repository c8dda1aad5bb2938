import type { DynamoDBClient, QueryCommandInput } from "@aws-sdk/client-dynamodb";
import type { NativeItem } from "../model/item.js";
import type { TableKey } from "../ops/batch/batch-get.js";
import { readAllPages, sendQuery, type QueryResult } from "../ops/read/query.js";
import type { ReadShape } from "../ops/read/read-shape.js";
import { connectionKey } from "./connection.js";
import type { Loaders } from "./context.js";
import { canServe, canServeGet, describeRead, type ReadEntry, type ReadFacts } from "./read-entry.js";
import { answerFrom } from "./serve.js";
import { afterTick } from "./tick.js";

/** JSON with sorted keys, so equal requests built in another key order dedupe too. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Partition reads of one loader scope. Identical reads share one request. Reads issued in
 * one tick are held until the tick ends, then each is answered from a read that encloses
 * it (issued in the same tick, under way, or done) when that read turns out complete, and
 * sent to DynamoDB otherwise.
 */
export class PartitionLoader {
  readonly #entries = new Map<string, ReadEntry>();
  #queue: { entry: ReadEntry; settle: (result: Promise<QueryResult>) => void }[] = [];
  #seq = 0;

  /** `owner`: the scope whose budget the requests are counted on. */
  constructor(private readonly owner: Loaders) {}

  /** One page (`all` false) or every page (`all` true) of a Query. */
  read(client: DynamoDBClient, input: QueryCommandInput, shape: ReadShape | undefined, all: boolean): Promise<QueryResult> {
    const connection = connectionKey(client, input.TableName);
    const id = `${all ? "all" : "page"}\u0000${connection}\u0000${canonical(input)}`;
    const known = this.#entries.get(id);
    if (known) return known.result;
    let settle!: (result: Promise<QueryResult>) => void;
    const result = new Promise<QueryResult>((resolve) => (settle = resolve));
    const entry = this.#add(id, describeRead(client, connection, input, shape, all), result);
    if (this.#queue.push({ entry, settle }) === 1) afterTick(() => this.#flush());
    return result;
  }

  #add(id: string, facts: ReadFacts, result: Promise<QueryResult>): ReadEntry {
    const entry: ReadEntry = { ...facts, seq: this.#seq++, result };
    this.#entries.set(id, entry);
    result.then(
      (r) => (entry.settled = r),
      // A failed read is forgotten, so the next identical read tries again.
      () => this.#entries.get(id) === entry && this.#entries.delete(id),
    );
    return entry;
  }

  #flush(): void {
    const queue = this.#queue;
    this.#queue = [];
    for (const { entry, settle } of queue) {
      const source = this.#best([...this.#entries.values()].filter((s) => canServe(s, entry)));
      settle(source ? this.#serve(entry, source) : this.#send(entry));
    }
  }

  /** Prefers a finished read, then one without Limit (more likely complete), then the oldest. */
  #best(sources: ReadEntry[]): ReadEntry | undefined {
    const rank = (e: ReadEntry) => (e.settled ? 0 : 2) + (e.limit === undefined ? 0 : 1);
    return sources.sort((a, b) => rank(a) - rank(b) || a.seq - b.seq)[0];
  }

  async #serve(target: ReadEntry, source: ReadEntry): Promise<QueryResult> {
    const found = await source.result.catch(() => undefined);
    return (found && answerFrom(source, found, target)) ?? this.#send(target);
  }

  #send(entry: ReadEntry): Promise<QueryResult> {
    return entry.all ? readAllPages(entry.input, this.owner, entry.client) : sendQuery(entry.input, this.owner, entry.client);
  }

  /** A table read of the key's partition whose range holds it, to answer a get from. */
  sourceForGet(connection: string, key: TableKey, consistent: boolean): ReadEntry | undefined {
    // Asked on every get: no copies of the entries when none can serve it.
    const sources: ReadEntry[] = [];
    for (const e of this.#entries.values()) if (canServeGet(e, connection, key, consistent)) sources.push(e);
    return sources.length ? this.#best(sources) : undefined;
  }

  /** Records a complete read of a whole partition that was made elsewhere. */
  prime(client: DynamoDBClient, input: QueryCommandInput, shape: ReadShape, items: readonly NativeItem[]): void {
    const connection = connectionKey(client, input.TableName);
    const facts = describeRead(client, connection, input, { ...shape, sk: undefined, projection: undefined }, true);
    this.#add(`all\u0000${connection}\u0000${canonical(input)}`, facts, Promise.resolve({ items: [...items] }));
  }

  /** Drops reads a write to `pk` in `tableName` may have made stale: that table partition, and every GSI1 read. */
  forget(tableName: string, pk: string): void {
    for (const [id, e] of this.#entries) {
      if (e.input.TableName !== tableName) continue;
      if (!e.shape || e.shape.index || e.shape.partition === pk) this.#entries.delete(id);
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}
