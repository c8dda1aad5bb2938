import type { SortKeyTerm } from "../ops/read/read-shape.js";

/**
 * Sort-key ranges in DynamoDB's order: strings compare by their UTF-8 bytes, which differs
 * from JavaScript's UTF-16 comparison above U+FFFF. Every SK condition is an interval of
 * bytes; `begins_with(p)` is [p, successor(p)), so containment is interval arithmetic.
 */
interface Bound {
  readonly bytes: Buffer;
  readonly inclusive: boolean;
}

export interface SkRange {
  readonly low?: Bound;
  readonly high?: Bound;
}

const ALL: SkRange = {};

function bytes(s: string): Buffer {
  return Buffer.from(s, "utf8");
}

/** The smallest byte string greater than every string starting with `prefix`, if any. */
function prefixEnd(prefix: Buffer): Buffer | undefined {
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === 0xff) end--;
  if (end === 0) return undefined;
  const out = Buffer.from(prefix.subarray(0, end));
  out[end - 1] = prefix[end - 1]! + 1;
  return out;
}

/** The range an SK condition selects; the whole partition when there is none. */
export function skRange(term: SortKeyTerm | undefined): SkRange {
  if (!term) return ALL;
  const [a = "", b = ""] = term.values;
  const at = (s: string, inclusive: boolean): Bound => ({ bytes: bytes(s), inclusive });
  switch (term.op) {
    case "=":
      return { low: at(a, true), high: at(a, true) };
    case "<":
      return { high: at(a, false) };
    case "<=":
      return { high: at(a, true) };
    case ">":
      return { low: at(a, false) };
    case ">=":
      return { low: at(a, true) };
    case "BETWEEN":
      return { low: at(a, true), high: at(b, true) };
    case "begins_with": {
      const end = prefixEnd(bytes(a));
      return end ? { low: at(a, true), high: { bytes: end, inclusive: false } } : { low: at(a, true) };
    }
    default:
      throw new Error(`Unknown sort key operator "${term.op}"`);
  }
}

/**
 * The part of `range` a read cut short at `stop` (its last item) has covered: from its
 * starting end up to `stop`, inclusive when no other item can share that SK.
 */
export function truncate(range: SkRange, stop: string, reverse: boolean, inclusive: boolean): SkRange {
  const bound: Bound = { bytes: bytes(stop), inclusive };
  return reverse ? { ...range, low: bound } : { ...range, high: bound };
}

export function inRange(range: SkRange, sk: string): boolean {
  const key = bytes(sk);
  if (range.low) {
    const c = Buffer.compare(key, range.low.bytes);
    if (c < 0 || (c === 0 && !range.low.inclusive)) return false;
  }
  if (range.high) {
    const c = Buffer.compare(key, range.high.bytes);
    if (c > 0 || (c === 0 && !range.high.inclusive)) return false;
  }
  return true;
}

/** Whether a range selects nothing (an inverted BETWEEN, which DynamoDB rejects instead). */
function isEmpty(range: SkRange): boolean {
  if (!range.low || !range.high) return false;
  const c = Buffer.compare(range.low.bytes, range.high.bytes);
  return c > 0 || (c === 0 && !(range.low.inclusive && range.high.inclusive));
}

/** Whether every SK in `inner` is in `outer`. An empty `inner` is never covered: DynamoDB must judge it. */
export function covers(outer: SkRange, inner: SkRange): boolean {
  if (isEmpty(inner)) return false;
  if (outer.low) {
    if (!inner.low) return false;
    const c = Buffer.compare(outer.low.bytes, inner.low.bytes);
    if (c > 0 || (c === 0 && !outer.low.inclusive && inner.low.inclusive)) return false;
  }
  if (outer.high) {
    if (!inner.high) return false;
    const c = Buffer.compare(outer.high.bytes, inner.high.bytes);
    if (c < 0 || (c === 0 && !outer.high.inclusive && inner.high.inclusive)) return false;
  }
  return true;
}
