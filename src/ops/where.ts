import { ValidationError } from "../errors/index.js";
import { boundsInOrder } from "../model/dynamo-limits/index.js";
import type { ModelMeta } from "../model/meta.js";
import type { Fields, ValueOf } from "../model/types.js";
import { fieldValueProblem } from "../model/values.js";
import type { ExpressionContext } from "./expression-context.js";

/** Comparisons on one field. A bare value means `eq`. */
export interface FieldOps<T> {
  eq?: T;
  ne?: T;
  lt?: T;
  lte?: T;
  gt?: T;
  gte?: T;
  between?: readonly [T, T];
  beginsWith?: string;
  /** A substring of a string, or an element of a list. */
  contains?: T extends readonly (infer E)[] ? E : string;
  exists?: boolean;
  notExists?: boolean;
  in?: readonly T[];
}

/**
 * A filter or condition over a model's fields, typed from its definition:
 * `{ amount: { gt: 5 }, status: "paid", or: [{ note: { exists: false } }, { note: "x" }] }`.
 * Fields in one object are AND-ed.
 */
export type Where<Fs extends Fields = Fields> = { [K in keyof Fs]?: ValueOf<Fs[K]> | FieldOps<ValueOf<Fs[K]>> } & {
  and?: readonly Where<Fs>[];
  or?: readonly Where<Fs>[];
  not?: Where<Fs>;
};

const OPS = new Set(["eq", "ne", "lt", "lte", "gt", "gte", "between", "beginsWith", "contains", "exists", "notExists", "in"]);
const COMPARATORS: Record<string, string> = { eq: "=", ne: "<>", lt: "<", lte: "<=", gt: ">", gte: ">=" };
/** DynamoDB allows at most 100 operands in an IN list. */
const MAX_IN = 100;

/** Whether a filter entry is an object of operators (else a bare value: `eq`). */
export function isOps(value: unknown): value is FieldOps<unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => OPS.has(k));
}

/**
 * `(expression)`, unless one pair of parentheses already encloses all of it: DynamoDB rejects
 * redundant parentheses such as `((a AND b))`.
 */
export function parenthesize(expression: string): string {
  let depth = 0;
  for (let i = 0; i < expression.length; i++) {
    if (expression[i] === "(") depth++;
    else if (expression[i] === ")") depth--;
    if (depth === 0) return i === expression.length - 1 && i > 0 ? expression : `(${expression})`;
  }
  return `(${expression})`;
}

function bad(message: string): never {
  throw new ValidationError(`Invalid filter: ${message}`, [{ path: "filter", message }]);
}

/** Compiles `where` to a DynamoDB condition expression (the empty string when it has no terms). */
export function compileWhere(meta: ModelMeta, where: Where, ctx: ExpressionContext): string {
  const terms: string[] = [];
  for (const [key, raw] of Object.entries(where)) {
    if (raw === undefined) continue;
    if (key === "and" || key === "or") {
      if (!Array.isArray(raw)) bad(`"${key}" takes a list`);
      const parts = (raw as Where[]).map((w) => compileWhere(meta, w, ctx)).filter(Boolean);
      if (parts.length) terms.push(parenthesize(parts.join(key === "and" ? " AND " : " OR ")));
      continue;
    }
    if (key === "not") {
      const inner = compileWhere(meta, raw as Where, ctx);
      // NOT binds tighter than AND: `NOT a AND b` would mean `(NOT a) AND b`.
      if (inner) terms.push(`(NOT ${parenthesize(inner)})`);
      continue;
    }
    const def = meta.fields[key];
    if (!def) bad(`unknown field "${key}" of ${meta.name}`);
    const ops: FieldOps<unknown> = isOps(raw) ? raw : { eq: raw };
    const name = ctx.name(key);
    const operand = (v: unknown, op: string): string => {
      // Element and substring operands are not whole field values; everything else is checked.
      if (op !== "contains" && op !== "beginsWith") {
        const problem = fieldValueProblem(def, v);
        if (problem) bad(`${key}.${op}: ${problem}`);
      }
      return ctx.value(v, `filter ${key}.${op}`);
    };
    for (const [op, v] of Object.entries(ops)) {
      if (v === undefined) continue;
      if (op in COMPARATORS) terms.push(`${name} ${COMPARATORS[op]} ${operand(v, op)}`);
      else if (op === "between") {
        if (!Array.isArray(v) || v.length !== 2) bad(`${key}.between takes [low, high]`);
        // DynamoDB refuses reversed bounds rather than matching nothing.
        if (!boundsInOrder(v[0], v[1])) bad(`${key}.between: the low bound ${JSON.stringify(v[0])} is greater than the high bound ${JSON.stringify(v[1])}`);
        terms.push(`${name} BETWEEN ${operand(v[0], op)} AND ${operand(v[1], op)}`);
      } else if (op === "beginsWith") {
        if (typeof v !== "string") bad(`${key}.beginsWith takes a string`);
        terms.push(`begins_with(${name}, ${operand(v, op)})`);
      } else if (op === "contains") terms.push(`contains(${name}, ${operand(v, op)})`);
      else if (op === "exists" || op === "notExists") {
        const wanted = op === "exists" ? v : !v;
        terms.push(wanted ? `attribute_exists(${name})` : `attribute_not_exists(${name})`);
      } else if (op === "in") {
        if (!Array.isArray(v) || v.length === 0 || v.length > MAX_IN) bad(`${key}.in takes 1 to ${MAX_IN} values`);
        terms.push(`${name} IN (${v.map((x) => operand(x, op)).join(", ")})`);
      }
    }
  }
  return terms.length > 1 ? terms.join(" AND ") : (terms[0] ?? "");
}
