import { DeleteItemCommand, type DeleteItemCommandInput } from "@aws-sdk/client-dynamodb";
import { keyFieldValues, keyAttributes, primaryKey } from "../../keys/primary.js";
import { fromAttributeMap, type NativeItem, type RawItem } from "../../model/item.js";
import { invalidateAfter, type Loaders } from "../../loader/context.js";
import type { ModelMeta } from "../../model/meta.js";
import { table } from "../../table/table.js";
import { ExpressionContext } from "../expression-context.js";
import { callDynamo, withCapacity } from "../send.js";
import type { Where } from "../where.js";
import { joinConditions, userCondition, versionCondition } from "./conditions.js";
import { conditionFailure } from "./failure.js";

export interface DeleteOptions {
  /** Only delete when the stored item matches. */
  condition?: Where;
  /** Check the version field against `values` (instances do; a delete by bare key does not). */
  checkVersion?: boolean;
}

/** The DeleteItem request for the item `values` names; it returns the deleted item. */
export function buildDelete(meta: ModelMeta, values: Readonly<NativeItem>, options: DeleteOptions = {}): DeleteItemCommandInput {
  const ctx = new ExpressionContext();
  const condition = joinConditions(
    options.checkVersion && meta.versionField && values[meta.versionField] !== undefined
      ? versionCondition(meta, values[meta.versionField], ctx)
      : undefined,
    userCondition(meta, options.condition, ctx),
  );
  const input: DeleteItemCommandInput = { TableName: table.name, Key: keyAttributes(primaryKey(meta, values)), ReturnValues: "ALL_OLD" };
  if (condition) Object.assign(input, { ConditionExpression: condition, ...ctx.toInput(), ReturnValuesOnConditionCheckFailure: "ALL_OLD" });
  return input;
}

/** Deletes (counted on and cleared from `loaders`); returns the deleted item, or null when there was none. */
export async function deleteItem(meta: ModelMeta, values: Readonly<NativeItem>, options: DeleteOptions, loaders: Loaders | undefined): Promise<NativeItem | null> {
  // Built before anything is sent: a refused key or condition throws here, with no request pending.
  const input = buildDelete(meta, values, options);
  const write = callDynamo(
    loaders,
    "DeleteItem",
    () => table.client.send(new DeleteItemCommand(withCapacity(input))),
    conditionFailure({
      meta,
      key: keyFieldValues(meta, values),
      expectedVersion: values[meta.versionField ?? ""],
      checksVersion: !!options.checkVersion && values[meta.versionField ?? ""] !== undefined,
    }),
  );
  const out = await invalidateAfter(loaders, [primaryKey(meta, values)], write);
  return out.Attributes ? fromAttributeMap(out.Attributes as RawItem) : null;
}
