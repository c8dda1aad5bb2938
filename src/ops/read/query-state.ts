import type { QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { ValidationError } from "../../errors/index.js";
import type { Loaders } from "../../loader/context.js";
import { buildGsi1pk, buildPk, skPrefix } from "../../keys/build.js";
import { modelSkPrefix, sortKeyTerm, type SortKeyCondition } from "../../keys/sort-key.js";
import { checkExpression, checkKeySize } from "../../model/dynamo-limits/index.js";
import { TYPE_ATTRIBUTE } from "../../model/item.js";
import type { ModelMeta } from "../../model/meta.js";
import { table } from "../../table/table.js";
import { ExpressionContext } from "../expression-context.js";
import { compileWhere, type Where } from "../where.js";
import type { PartitionRead } from "./read-shape.js";

/** Everything a QuerySet knows; QuerySets copy it on every change and never mutate it. */
export interface QueryState {
  readonly values: Readonly<Record<string, unknown>>;
  readonly index: boolean;
  readonly consistent: boolean;
  readonly limit: number | undefined;
  readonly reverse: boolean;
  readonly only: readonly string[] | undefined;
  readonly startingAfter: boolean;
  readonly filter: Where | undefined;
  readonly sortKey: SortKeyCondition<Readonly<Record<string, unknown>>> | undefined;
  /** The loaders reads go through (the GraphQL layer's); when undefined, those of `withLoaders`, if it runs. */
  readonly loaders: Loaders | undefined;
}

export const INITIAL_STATE: QueryState = {
  values: {},
  index: false,
  consistent: false,
  limit: undefined,
  reverse: false,
  only: undefined,
  startingAfter: false,
  filter: undefined,
  sortKey: undefined,
  loaders: undefined,
};

/** The SK term implied by `using(...)` values when no explicit sort-key condition is set. */
function impliedSortKey(meta: ModelMeta, state: QueryState): { op: string; values: string[] } {
  const p = skPrefix(meta, state.values);
  if (state.startingAfter && p.count > 0) {
    // Strictly past the given position in reading order; a partial prefix skips its whole block.
    return sortKeyTerm(meta, state.reverse ? { lt: state.values } : { gt: state.values });
  }
  if (p.complete) return { op: "=", values: [p.prefix] };
  return { op: "begins_with", values: [modelSkPrefix(meta, state.values)] };
}

/** The Query request a QuerySet sends first (paging adds ExclusiveStartKey and Limit). */
export function buildQuery(meta: ModelMeta, state: QueryState): QueryCommandInput {
  return buildRead(meta, state).input;
}

/** The first Query request and its shape, which lets loaders answer it from an enclosing read. */
export function buildRead(meta: ModelMeta, state: QueryState): PartitionRead {
  if (state.index && meta.gsi.length === 0) throw new ValidationError(`${meta.name} has no gsi fields, so it cannot use the index`);
  if (state.index && state.consistent) throw new ValidationError("A global secondary index does not support consistent reads");
  const ctx = new ExpressionContext();
  const partition = state.index ? buildGsi1pk(meta, state.values)! : buildPk(meta, state.values);
  const sk = state.sortKey ? sortKeyTerm(meta, state.sortKey) : impliedSortKey(meta, state);
  const partitionTerm = `${ctx.name(state.index ? "GSI1PK" : "PK")} = ${ctx.value(partition)}`;
  const skName = ctx.name("SK");
  const skFields = meta.sk.map((p) => p.name);
  const skValues = sk.values.map((v) => ctx.value(checkKeySize("sort", v, `${meta.name} sort key condition`, skFields)));
  const skTerm =
    sk.op === "begins_with" ? `begins_with(${skName}, ${skValues[0]})`
    : sk.op === "BETWEEN" ? `${skName} BETWEEN ${skValues[0]} AND ${skValues[1]}`
    : `${skName} ${sk.op} ${skValues[0]}`;
  const input: QueryCommandInput = {
    TableName: table.name,
    KeyConditionExpression: `${partitionTerm} AND ${skTerm}`,
  };
  if (state.index) input.IndexName = "GSI1";
  const filter = state.filter ? compileWhere(meta, state.filter, ctx) : "";
  if (filter) input.FilterExpression = checkExpression("filter", filter);
  let projection: string[] | undefined;
  if (state.only) {
    // Keys and _type always come along: instances keep their identity and cursors their position.
    const keyFields = [...meta.pk, ...meta.sk].map((p) => p.name);
    projection = [...new Set(["PK", "SK", ...(state.index ? ["GSI1PK"] : []), TYPE_ATTRIBUTE, ...keyFields, ...state.only])];
    input.ProjectionExpression = projection.map((a) => ctx.name(a)).join(", ");
  }
  Object.assign(input, ctx.toInput());
  if (state.reverse) input.ScanIndexForward = false;
  if (state.consistent) input.ConsistentRead = true;
  if (state.limit !== undefined) input.Limit = state.limit;
  return { input, shape: { index: state.index, partition, sk, projection } };
}
