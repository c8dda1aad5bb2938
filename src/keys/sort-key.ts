import { ValidationError } from "../errors/index.js";
import { boundsInOrder } from "../model/dynamo-limits/index.js";
import type { ModelMeta } from "../model/meta.js";
import { skPrefix } from "./build.js";

/** A condition on the sort key, given as (a prefix of) the sk field values. */
export interface SortKeyCondition<S> {
  eq?: S;
  beginsWith?: S;
  gt?: S;
  gte?: S;
  lt?: S;
  lte?: S;
  between?: readonly [S, S];
}

/**
 * A partial prefix (leading sk fields only) names a block of SKs, `prefix#...`, and range
 * operators compare against that block: `gte`/`lt` start at `prefix#`, `gt`/`lte` end past it
 * at `prefix$` ("$" is the character after "#"). Bounding by `prefix` alone would put SKs such
 * as `prefix a#...` (a value extended by a character below "#") inside `gte` and `lte` alike.
 */
const BLOCK_START = "#";
const PAST_PREFIX = "$";

type Values = Readonly<Record<string, unknown>>;

/** The KeyConditionExpression term on SK, as [operator template, values]. */
export function sortKeyTerm(meta: ModelMeta, cond: SortKeyCondition<Values>): { op: string; values: string[] } {
  const entries = Object.entries(cond).filter(([, v]) => v !== undefined);
  if (entries.length !== 1) throw new ValidationError(`A sort key condition takes exactly one operator, got ${entries.map(([k]) => k).join(", ") || "none"}`);
  const [op, arg] = entries[0]!;
  const given = (v: Values) => {
    const p = skPrefix(meta, v);
    if (p.count === 0 && op !== "beginsWith") throw new ValidationError(`sort key ${op} needs at least ${meta.name}.${meta.sk[0]?.name ?? "an sk field"}`);
    return p;
  };
  const low = (v: Values) => {
    const p = given(v);
    return p.complete ? p.prefix : p.prefix + BLOCK_START;
  };
  const high = (v: Values) => {
    const p = given(v);
    return p.complete ? p.prefix : p.prefix + PAST_PREFIX;
  };
  switch (op) {
    case "eq": {
      const p = given(arg as Values);
      if (!p.complete) throw new ValidationError(`sort key eq needs every sk field of ${meta.name}: ${meta.sk.map((s) => s.name).join(", ")}`);
      return { op: "=", values: [p.prefix] };
    }
    case "beginsWith": {
      return { op: "begins_with", values: [modelSkPrefix(meta, arg as Values)] };
    }
    case "gt":
      return { op: ">", values: [high(arg as Values)] };
    case "gte":
      return { op: ">=", values: [low(arg as Values)] };
    case "lt":
      return { op: "<", values: [low(arg as Values)] };
    case "lte":
      return { op: "<=", values: [high(arg as Values)] };
    case "between": {
      if (!Array.isArray(arg) || arg.length !== 2) {
        throw new ValidationError(`sort key between takes [low, high], got ${Array.isArray(arg) ? `${arg.length} bound(s)` : typeof arg}`);
      }
      const [a, b] = arg as readonly Values[] as readonly [Values, Values];
      const bounds = [low(a), high(b)];
      // DynamoDB refuses reversed bounds rather than matching nothing.
      if (!boundsInOrder(bounds[0], bounds[1])) throw new ValidationError(`sort key between: the low bound ${JSON.stringify(a)} sorts after the high bound ${JSON.stringify(b)}`);
      return { op: "BETWEEN", values: bounds };
    }
    default:
      throw new ValidationError(`Unknown sort key operator "${op}"`);
  }
}

/**
 * The SK prefix shared by items of this model whose leading sk fields equal `values`. With
 * no values it is the first identifier and "#", which keeps a query on a shared partition
 * to this model's items.
 */
export function modelSkPrefix(meta: ModelMeta, values: Values): string {
  const p = skPrefix(meta, values);
  if (p.complete) return p.prefix;
  return p.count === 0 ? `${meta.sk[0]!.identifier}#` : `${p.prefix}#`;
}
