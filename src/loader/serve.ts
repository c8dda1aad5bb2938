import type { NativeItem } from "../model/item.js";
import { resumeKey, type CursorKey } from "../ops/read/cursor.js";
import type { QueryResult } from "../ops/read/query.js";
import { coveredRange, type ReadEntry } from "./read-entry.js";
import { compareUtf8 } from "../keys/utf8-order.js";
import { covers, inRange } from "./sk-range.js";

/** Items after the exclusive start key, in reading order; by SK when the start item itself is gone. */
function after(items: NativeItem[], start: CursorKey, reverse: boolean): NativeItem[] {
  const at = items.findIndex((i) => i.PK === start.PK && i.SK === start.SK);
  if (at >= 0) return items.slice(at + 1);
  const sk = start.SK ?? "";
  return items.filter((i) => (reverse ? -1 : 1) * compareUtf8(String(i.SK), sk) > 0);
}

function project(item: NativeItem, names: readonly string[]): NativeItem {
  return Object.fromEntries(names.filter((n) => n in item).map((n) => [n, item[n]]));
}

/**
 * Answers `target` from the items of a read that encloses it, as DynamoDB would: its SK
 * range, direction, exclusive start, Limit (with the key to resume from when cut short) and
 * projection; or undefined when those items do not determine the answer. They do when the
 * read covered the target's whole range, or when the target reads from the end the read
 * started at and its Limit is reached inside what was read (a page of a partition read cut
 * short by its own Limit). `target` has no filter: filtered reads always go to DynamoDB.
 */
export function answerFrom(source: ReadEntry, found: QueryResult, target: ReadEntry): QueryResult | undefined {
  const covered = coveredRange(source, found);
  const whole = covers(covered, target.range);
  if (!whole && (target.limit === undefined || target.reverse !== source.reverse)) return undefined;
  const ascending = source.reverse ? [...found.items].reverse() : found.items;
  let items = ascending.filter((i) => typeof i.SK === "string" && inRange(target.range, i.SK));
  if (target.reverse) items.reverse();
  if (target.start) items = after(items, target.start, target.reverse);
  let lastKey: CursorKey | undefined;
  if (target.limit !== undefined && items.length >= target.limit && (items.length > target.limit || !whole)) {
    items = items.slice(0, target.limit);
    lastKey = resumeKey(items.at(-1)!, target.shape!.index);
  } else if (!whole) return undefined;
  const projection = target.shape?.projection;
  if (projection) items = items.map((i) => project(i, projection));
  return lastKey ? { items, lastKey } : { items };
}

/**
 * The item with this key from a read of its partition: null when that read was complete,
 * undefined when it cannot tell (the read failed, or was cut short before the key).
 */
export async function answerGet(source: ReadEntry, key: { PK: string; SK: string }): Promise<NativeItem | null | undefined> {
  const found = await source.result.catch(() => undefined);
  if (!found) return undefined;
  const item = found.items.find((i) => i.PK === key.PK && i.SK === key.SK);
  if (item) return item;
  return inRange(coveredRange(source, found), key.SK) ? null : undefined;
}
