import { setTimeout as sleep } from "node:timers/promises";
import { GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type _Record } from "@aws-sdk/client-dynamodb-streams";
import { DynamoDBError, ValidationError } from "../errors/index.js";
import { backoffDelay, checkRetryOptions, isRetryable, type RetryOptions } from "../ops/batch/retry.js";
import { table as defaultTable, type Table } from "../table/table.js";
import { decodeChange, imagesOf, type ChangeEvent, type ChangeImages } from "./change.js";
import { MemoryCheckpointStore, type CheckpointStore } from "./checkpoint.js";
import { latestStreamArn, streamsClientFor } from "./connection.js";
import { sequenceAfter } from "./sequence.js";
import { listShards, type ShardInfo } from "./shards.js";

/** Where one record sits in the stream: ordered within its shard. */
export interface StreamPosition {
  shardId: string;
  sequenceNumber: string;
}

/** A change as the reader delivers it: the instances, the record's images and id, and where it sits. */
export interface StreamChange extends ChangeEvent {
  images: ChangeImages;
  position: StreamPosition;
}

/** Options of `new StreamReader(...)`. */
export interface StreamReaderOptions {
  /** Called with each change, in stream order per shard; the next waits for its promise. */
  onChange(change: StreamChange): void | Promise<void>;
  /** The stream's ARN. @default the table's latest stream (DescribeTable) */
  streamArn?: string;
  /** The connection whose table's stream is read when `streamArn` is not given. @default the default `table` */
  table?: Table;
  /** The Streams client. @default one with the table client's region, credentials and endpoint */
  client?: DynamoDBStreamsClient;
  /** Where to resume after a restart. @default a MemoryCheckpointStore (the process's memory) */
  checkpoints?: CheckpointStore;
  /**
   * Where a first start (no checkpoint) begins: at changes made from now on, or at the oldest
   * record the stream keeps (24 hours).
   * @default "LATEST"
   */
  startAt?: "LATEST" | "TRIM_HORIZON";
  /** Wait after a read that found no records, per shard (DynamoDB allows 5 reads/s per shard). @default 500 */
  pollIntervalMs?: number;
  /** How often the shard list is read again to find new shards (one is also read when a shard ends). @default 10000 */
  shardRefreshMs?: number;
  /** Backoff after throttling: first delay cap, doubled per retry up to the max. @default { baseDelayMs: 50, maxDelayMs: 5000 } */
  retry?: { baseDelayMs?: number; maxDelayMs?: number };
}

/** Records per GetRecords call: the API's maximum, so a busy shard is read in few calls. */
const RECORDS_PER_READ = 1000;
const THROTTLED = new Set(["LimitExceededException"]);

type IteratorStart = { type: "LATEST" | "TRIM_HORIZON" } | { type: "AFTER_SEQUENCE_NUMBER"; after: string };

function checkDelay(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new ValidationError(`StreamReader: ${name} must be a non-negative number of milliseconds, got ${String(value)}`);
  return value;
}

/**
 * Follows every shard of a table's DynamoDB Stream and delivers each write as model instances.
 *
 * Shards are read parents first (a child continues its parent after a split); an expired
 * iterator is taken up again after the last record delivered, a trimmed position from the
 * oldest record kept, and throttled calls back off. After each batch the last sequence
 * number delivered per shard is saved to the checkpoint store, and a restart resumes after
 * it. Records at or before the last delivered one are never delivered again by a reader.
 *
 * @example
 * const reader = new StreamReader({ onChange: (change) => console.log(change.kind, change.node) });
 * await reader.start(); // resolves once every open shard is followed
 * await reader.stop();
 */
export class StreamReader {
  readonly #options: StreamReaderOptions;
  readonly #client: DynamoDBStreamsClient;
  readonly #checkpoints: CheckpointStore;
  readonly #retry: Required<RetryOptions>;
  readonly #pollIntervalMs: number;
  readonly #shardRefreshMs: number;
  readonly #stopping = new AbortController();
  readonly #followed = new Set<string>();
  readonly #running = new Set<Promise<void>>();
  #streamArn: string | undefined;
  #firstListing = true;
  #refreshing: Promise<void> = Promise.resolve();
  #failure: ((error: unknown) => void) | undefined;
  /**
   * Settles when the reader stops: resolved by `stop()`, rejected (a DynamoDBError) by an
   * error retrying does not fix. Handle it: unhandled, that rejection ends the process, as
   * any unhandled failure does.
   */
  readonly closed: Promise<void>;
  #close!: () => void;

  constructor(options: StreamReaderOptions) {
    if (typeof options.onChange !== "function") throw new ValidationError("StreamReader: onChange must be a function");
    this.#options = options;
    this.#client = options.client ?? streamsClientFor((options.table ?? defaultTable).client);
    this.#checkpoints = options.checkpoints ?? new MemoryCheckpointStore();
    // Throttled calls are retried for as long as the reader runs: only the delays are options.
    this.#retry = checkRetryOptions({ ...options.retry, maxAttempts: 1 });
    this.#pollIntervalMs = checkDelay("pollIntervalMs", options.pollIntervalMs ?? 500);
    this.#shardRefreshMs = checkDelay("shardRefreshMs", options.shardRefreshMs ?? 10_000);
    this.closed = new Promise((resolve, reject) => {
      this.#close = resolve;
      this.#failure = reject;
    });
  }

  get #stopped(): boolean {
    return this.#stopping.signal.aborted;
  }

  /** Starts following the stream; resolves once every open shard has its iterator, so later writes are seen. */
  async start(): Promise<void> {
    this.#streamArn ??= this.#options.streamArn ?? (await latestStreamArn(this.#options.table ?? defaultTable));
    await this.#refresh();
    this.#track(this.#refreshPeriodically());
  }

  /** Stops reading and waits for the change being delivered, so its checkpoint is saved. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await Promise.allSettled([...this.#running]);
    this.#close();
  }

  #track(work: Promise<void>): void {
    const running = work.catch((error: unknown) => this.#fail(error)).finally(() => this.#running.delete(running));
    this.#running.add(running);
  }

  #fail(error: unknown): void {
    if (this.#stopped) return;
    this.#stopping.abort();
    this.#failure?.(error instanceof DynamoDBError ? error : new DynamoDBError("stream read", error));
  }

  async #pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.#stopping.signal }).catch(() => undefined);
  }

  /** Sends until the call is not throttled; other errors are the caller's to handle. */
  async #call<T>(send: () => Promise<T>): Promise<T> {
    for (let retry = 0; ; retry++) {
      try {
        return await send();
      } catch (error) {
        const throttled = isRetryable(error) || (error instanceof Error && THROTTLED.has(error.name));
        if (!throttled || this.#stopped) throw error;
        await this.#pause(backoffDelay(retry, this.#retry));
      }
    }
  }

  async #refreshPeriodically(): Promise<void> {
    while (!this.#stopped) {
      await this.#pause(this.#shardRefreshMs);
      if (!this.#stopped) await this.#refresh();
    }
  }

  /** Reads the shard list once at a time, and follows the shards whose turn has come. */
  #refresh(): Promise<void> {
    const run = this.#refreshing.catch(() => undefined).then(() => this.#followNewShards());
    this.#refreshing = run;
    return run;
  }

  async #followNewShards(): Promise<void> {
    const shards = await this.#call(() => listShards(this.#client, this.#streamArn!));
    const saved = new Map(await Promise.all(shards.map(async (s) => [s.id, await this.#checkpoints.load(s.id)] as const)));
    // A first start of a reader with no checkpoints begins at `startAt`; shards found later are new: read whole.
    const fresh = this.#firstListing && [...saved.values()].every((c) => c === undefined);
    this.#firstListing = false;
    const listed = new Set(shards.map((s) => s.id));
    const finished = new Set([...saved].filter(([, c]) => c?.finished).map(([id]) => id));
    for (const shard of shards) {
      if (this.#followed.has(shard.id) || finished.has(shard.id) || this.#stopped) continue;
      // A child waits until its parent is read to the end; a parent trimmed from the stream is gone.
      if (shard.parentId !== undefined && listed.has(shard.parentId) && !finished.has(shard.parentId)) continue;
      const checkpoint = saved.get(shard.id);
      let start: IteratorStart;
      if (checkpoint && !checkpoint.finished) start = { type: "AFTER_SEQUENCE_NUMBER", after: checkpoint.sequenceNumber };
      else if (fresh && (this.#options.startAt ?? "LATEST") === "LATEST") {
        if (shard.closed) {
          // Nothing new can arrive in a closed shard: skip it, and let its children start at LATEST too.
          finished.add(shard.id);
          await this.#checkpoints.save(shard.id, { finished: true });
          continue;
        }
        start = { type: "LATEST" };
      } else start = { type: "TRIM_HORIZON" };
      this.#followed.add(shard.id);
      const iterator = await this.#iterator(shard, start);
      this.#track(this.#follow(shard, iterator, start));
    }
  }

  async #iterator(shard: ShardInfo, start: IteratorStart): Promise<string | undefined> {
    const { ShardIterator } = await this.#call(() =>
      this.#client.send(
        new GetShardIteratorCommand({
          StreamArn: this.#streamArn!,
          ShardId: shard.id,
          ShardIteratorType: start.type,
          ...(start.type === "AFTER_SEQUENCE_NUMBER" ? { SequenceNumber: start.after } : {}),
        }),
      ),
    );
    return ShardIterator;
  }

  /** Reads one shard to its end (or until stopped), delivering records in order. */
  async #follow(shard: ShardInfo, first: string | undefined, start: IteratorStart): Promise<void> {
    let iterator = first;
    let last = start.type === "AFTER_SEQUENCE_NUMBER" ? start.after : undefined;
    while (iterator && !this.#stopped) {
      let records: _Record[];
      let next: string | undefined;
      try {
        const out = await this.#call(() => this.#client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: RECORDS_PER_READ })));
        records = out.Records ?? [];
        next = out.NextShardIterator;
      } catch (error) {
        const name = error instanceof Error ? error.name : "";
        // Iterators expire after 15 minutes unused: take up again after the last record delivered.
        if (name === "ExpiredIteratorException") iterator = await this.#iterator(shard, last ? { type: "AFTER_SEQUENCE_NUMBER", after: last } : start);
        // The position fell out of the 24-hour window: the oldest record kept is the nearest.
        else if (name === "TrimmedDataAccessException") iterator = await this.#iterator(shard, { type: "TRIM_HORIZON" });
        else throw error;
        continue;
      }
      const delivered = await this.#deliver(shard.id, records, last);
      if (delivered !== last) {
        last = delivered!;
        await this.#checkpoints.save(shard.id, { sequenceNumber: last });
      }
      iterator = next;
      if (!next) break;
      if (records.length === 0) await this.#pause(this.#pollIntervalMs);
    }
    if (iterator || this.#stopped) return;
    // The shard is closed and read to its end: its children may start now.
    await this.#checkpoints.save(shard.id, { finished: true });
    await this.#refresh();
  }

  /** Delivers the records after `last`; returns the sequence number of the last one delivered. */
  async #deliver(shardId: string, records: readonly _Record[], last: string | undefined): Promise<string | undefined> {
    for (const record of records) {
      const sequenceNumber = record.dynamodb?.SequenceNumber;
      if (!sequenceNumber || (last !== undefined && !sequenceAfter(sequenceNumber, last))) continue;
      const images = imagesOf(record);
      const change = images && decodeChange(images);
      if (change) await this.#options.onChange({ ...change, images: images!, position: { shardId, sequenceNumber } });
      last = sequenceNumber;
    }
    return last;
  }
}



