import type { PutItemCommandInput } from "@aws-sdk/client-dynamodb";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { toPutItem, type NativeItem } from "../../model/item.js";
import type { ModelMeta } from "../../model/meta.js";
import { runValidators } from "../../model/values.js";
import { keyFieldValues, primaryKey } from "../../keys/primary.js";
import { invalidateAfter, type Loaders } from "../../loader/context.js";
import { table } from "../../table/table.js";
import { ExpressionContext } from "../expression-context.js";
import { callDynamo, withCapacity } from "../send.js";
import type { Where } from "../where.js";
import { joinConditions, userCondition, versionCondition } from "./conditions.js";
import { conditionFailure } from "./failure.js";
import { prepareForPut } from "./prepare.js";

export interface PutOptions {
  /** Overwrite an existing item with the same key. @default true */
  allowOverride?: boolean;
  /** Only write when the stored item (if any) matches. */
  condition?: Where;
}

export interface PreparedPut {
  input: PutItemCommandInput;
  /** The values written, with timestamps and version filled in. */
  values: NativeItem;
}

/** The PutItem request for `values`, without sending it. */
export function buildPut(meta: ModelMeta, values: Readonly<NativeItem>, options: PutOptions = {}, now = new Date().toISOString()): PreparedPut {
  const stored = prepareForPut(meta, values, now);
  const ctx = new ExpressionContext();
  const condition = joinConditions(
    options.allowOverride === false ? `attribute_not_exists(${ctx.name("PK")})` : undefined,
    versionCondition(meta, values[meta.versionField ?? ""], ctx),
    userCondition(meta, options.condition, ctx),
  );
  const input: PutItemCommandInput = { TableName: table.name, Item: toPutItem(meta, stored) };
  if (condition) {
    Object.assign(input, { ConditionExpression: condition, ...ctx.toInput(), ReturnValuesOnConditionCheckFailure: "ALL_OLD" });
  }
  return { input, values: stored };
}

/** Validates and writes `values` (counted on and cleared from `loaders`); returns what was stored. */
export async function putItem(meta: ModelMeta, values: Readonly<NativeItem>, options: PutOptions, loaders: Loaders | undefined): Promise<NativeItem> {
  const prepared = buildPut(meta, values, options);
  await runValidators(meta, prepared.values);
  const write = callDynamo(
    loaders,
    "PutItem",
    () => table.client.send(new PutItemCommand(withCapacity(prepared.input))),
    conditionFailure({
      meta,
      key: keyFieldValues(meta, values),
      mustNotExist: options.allowOverride === false,
      expectedVersion: meta.versionField ? values[meta.versionField] : undefined,
    }),
  );
  await invalidateAfter(loaders, [primaryKey(meta, values)], write);
  return prepared.values;
}
