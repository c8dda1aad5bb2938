import type { DynamoDBClient, QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { fromAttributeMap, type RawItem } from "../model/item.js";
import type { CursorKey } from "../ops/read/cursor.js";
import type { QueryResult } from "../ops/read/query.js";
import type { ReadShape } from "../ops/read/read-shape.js";
import { answerFrom } from "./serve.js";
import { covers, inRange, skRange, truncate, type SkRange } from "./sk-range.js";

/** One read known to a partition loader: requested, answered from another, or primed. */
export interface ReadEntry {
  /** Order of arrival; breaks ties between reads that cover each other. */
  readonly seq: number;
  readonly connection: string;
  readonly client: DynamoDBClient;
  readonly input: QueryCommandInput;
  /** Every page, not one: a collection. */
  readonly all: boolean;
  readonly shape: ReadShape | undefined;
  readonly range: SkRange;
  readonly consistent: boolean;
  readonly reverse: boolean;
  readonly limit: number | undefined;
  readonly start: CursorKey | undefined;
  /** Whole, unfiltered items of a key range from its first item: it can answer other reads. */
  readonly isSource: boolean;
  readonly result: Promise<QueryResult>;
  /** Set once `result` resolves. */
  settled?: QueryResult;
}

export type ReadFacts = Omit<ReadEntry, "result" | "settled" | "seq">;

/** What a Query request reads, from the request and the shape its builder described. */
export function describeRead(client: DynamoDBClient, connection: string, input: QueryCommandInput, shape: ReadShape | undefined, all: boolean): ReadFacts {
  const start = input.ExclusiveStartKey ? (fromAttributeMap(input.ExclusiveStartKey as RawItem) as CursorKey) : undefined;
  return {
    connection,
    client,
    input,
    all,
    shape,
    range: skRange(shape?.sk),
    consistent: input.ConsistentRead === true,
    reverse: input.ScanIndexForward === false,
    limit: all ? undefined : input.Limit,
    start,
    isSource: !!shape && !shape.projection && !input.FilterExpression && !start,
  };
}

/** Whether `entry` has read every item of its range (no page was cut off). */
export function isComplete(entry: ReadEntry, result: QueryResult): boolean {
  return entry.all || !result.lastKey;
}

/** The SK range whose every item `entry` has read: all of it, or up to where its page stopped. */
export function coveredRange(entry: ReadEntry, result: QueryResult): SkRange {
  if (isComplete(entry, result)) return entry.range;
  // In a table partition SKs are unique; in a GSI1 partition many items may share the SK the
  // read stopped at, and those after the stop were not read.
  return truncate(entry.range, result.lastKey!.SK ?? "", entry.reverse, !entry.shape?.index);
}

function sameItems(a: ReadEntry, b: { connection: string; index: boolean; partition: string }): boolean {
  return a.connection === b.connection && a.shape!.index === b.index && a.shape!.partition === b.partition;
}

/** `source` reads at least what `target` reads, as consistently. */
function encloses(source: ReadEntry, target: ReadEntry): boolean {
  return source.isSource && !!target.shape && sameItems(source, { connection: target.connection, ...target.shape }) &&
    covers(source.range, target.range) && (source.consistent || !target.consistent);
}

/**
 * Whether `source` may answer `target`. Reads that enclose each other (same range, one
 * reversed, say) would wait on each other; the one without Limit, else the earlier, serves.
 */
export function canServe(source: ReadEntry, target: ReadEntry): boolean {
  // A filter is applied by DynamoDB (and may reference any attribute): filtered reads go there.
  if (source === target || target.input.FilterExpression || !encloses(source, target)) return false;
  if (source.settled && !answerFrom(source, source.settled, target)) return false;
  if (!encloses(target, source)) return true;
  const open = (e: ReadEntry) => e.limit === undefined;
  return open(source) !== open(target) ? open(source) : source.seq < target.seq;
}

/** Whether `source` may answer a get of `key` (table reads only: a GSI1 partition says nothing of absent keys). */
export function canServeGet(source: ReadEntry, connection: string, key: { PK: string; SK: string }, consistent: boolean): boolean {
  if (!source.isSource || !sameItems(source, { connection, index: false, partition: key.PK })) return false;
  if (consistent && !source.consistent) return false;
  if (source.settled && !inRange(coveredRange(source, source.settled), key.SK)) return false;
  return covers(source.range, skRange({ op: "=", values: [key.SK] }));
}
