import { compareUtf8 } from "../keys/utf8-order.js";
import type { ModelMeta } from "../model/meta.js";
import { ExpressionContext } from "./expression-context.js";
import { compileWhere, isOps, type FieldOps, type Where } from "./where.js";

type Values = Readonly<Record<string, unknown>>;

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (a instanceof Set || b instanceof Set) return a instanceof Set && b instanceof Set && a.size === b.size && [...a].every((x) => [...b].some((y) => equal(x, y)));
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => equal((a as Values)[k], (b as Values)[k]));
}

/** DynamoDB's order of two values: numbers by value, strings by UTF-8 bytes; other pairs are not ordered. */
function order(a: unknown, b: unknown): number | undefined {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return compareUtf8(a, b);
  return undefined;
}

function holds(value: unknown, op: string, operand: unknown): boolean {
  const ordered = (test: (o: number) => boolean) => {
    const o = order(value, operand);
    return o !== undefined && test(o);
  };
  switch (op) {
    case "eq":
      return equal(value, operand);
    case "ne":
      // DynamoDB's `<>` holds for an absent attribute too.
      return !equal(value, operand);
    case "lt":
      return ordered((o) => o < 0);
    case "lte":
      return ordered((o) => o <= 0);
    case "gt":
      return ordered((o) => o > 0);
    case "gte":
      return ordered((o) => o >= 0);
    case "between": {
      const [low, high] = operand as [unknown, unknown];
      return holds(value, "gte", low) && holds(value, "lte", high);
    }
    case "beginsWith":
      return typeof value === "string" && value.startsWith(operand as string);
    case "contains":
      if (typeof value === "string") return typeof operand === "string" && value.includes(operand);
      if (Array.isArray(value) || value instanceof Set) return [...value].some((x) => equal(x, operand));
      return false;
    case "exists":
      return (value !== undefined) === operand;
    case "notExists":
      return (value === undefined) === operand;
    default:
      return (operand as unknown[]).some((x) => equal(value, x));
  }
}

function matches(item: Values, where: Where): boolean {
  return Object.entries(where).every(([key, raw]) => {
    if (raw === undefined) return true;
    if (key === "and") return (raw as Where[]).every((w) => matches(item, w));
    if (key === "or") return (raw as Where[]).some((w) => matches(item, w));
    if (key === "not") return !matches(item, raw as Where);
    const ops: FieldOps<unknown> = isOps(raw) ? raw : { eq: raw };
    const value = item[key] ?? undefined;
    return Object.entries(ops).every(([op, operand]) => operand === undefined || holds(value, op, operand));
  });
}

/**
 * A test of items already at hand against a filter, as DynamoDB would evaluate it as a
 * FilterExpression: for items that never pass through a Query, such as stream changes. The
 * filter is checked once, by the same rules as a Query's (a ValidationError when invalid).
 * @example const big = whereMatcher(Order.meta, { amount: { gt: 100 } }); big(order) // boolean
 */
export function whereMatcher(meta: ModelMeta, where: Where): (item: object) => boolean {
  compileWhere(meta, where, new ExpressionContext());
  return (item) => matches(item as Values, where);
}
