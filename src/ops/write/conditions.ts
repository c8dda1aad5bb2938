import { checkExpression } from "../../model/dynamo-limits/index.js";
import type { ModelMeta } from "../../model/meta.js";
import type { ExpressionContext } from "../expression-context.js";
import { compileWhere, parenthesize, type Where } from "../where.js";

/** Joins the non-empty condition terms of a write with AND; refused when over DynamoDB's expression limits. */
export function joinConditions(...terms: (string | undefined)[]): string | undefined {
  const parts = terms.filter((t): t is string => !!t);
  if (parts.length === 0) return undefined;
  return checkExpression("condition", parts.length === 1 ? parts[0]! : parts.map(parenthesize).join(" AND "));
}

/** The optimistic-locking term: the stored version must be the one this write started from. */
export function versionCondition(meta: ModelMeta, expected: unknown, ctx: ExpressionContext): string | undefined {
  if (!meta.versionField) return undefined;
  const name = ctx.name(meta.versionField);
  return typeof expected === "number" ? `${name} = ${ctx.value(expected)}` : `attribute_not_exists(${name})`;
}

export function userCondition(meta: ModelMeta, where: Where | undefined, ctx: ExpressionContext): string | undefined {
  return where ? compileWhere(meta, where, ctx) || undefined : undefined;
}
