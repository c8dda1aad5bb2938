import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { ValidationError } from "../../errors/index.js";
import { keyFieldValues, primaryKey } from "../../keys/primary.js";
import { checkExpression } from "../../model/dynamo-limits/index.js";
import { toAttributeMap, type NativeItem } from "../../model/item.js";
import type { ModelMeta } from "../../model/meta.js";
import { runValidators } from "../../model/values.js";
import { table } from "../../table/table.js";
import type { TableKey } from "../batch/batch-get.js";
import { ExpressionContext } from "../expression-context.js";
import { compileWhere, type Where } from "../where.js";
import { buildDelete } from "../write/delete.js";
import type { FailureContext } from "../write/failure.js";
import { buildPut } from "../write/put.js";
import { buildUpdate, validateChanges } from "../write/update.js";

/** One operation of a transaction, its request built (and its values checked) when it is added. */
export interface TxOp {
  readonly kind: "create" | "save" | "update" | "delete" | "conditionCheck";
  readonly meta: ModelMeta;
  readonly key: TableKey;
  /** What a failed condition of this operation means (AlreadyExists for a create, ...). */
  readonly failure: FailureContext;
  readonly item: TransactWriteItem;
  /** Standard Schema validators, run before the transaction is sent. */
  readonly validate: () => Promise<void>;
  /** Refreshes the instance once committed, as `save` does. */
  readonly apply?: () => void;
}

/** Copies the named fields that are set: a transaction item takes fewer fields than the single-item request. */
function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (from[k] !== undefined) out[k] = from[k];
  return out;
}

const CONDITION = ["ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValuesOnConditionCheckFailure"] as const;

export function putOp(meta: ModelMeta, values: Readonly<NativeItem>, options: { create: boolean; condition?: Where | undefined }, now: string, refresh: (stored: NativeItem) => void): TxOp {
  const { input, values: stored } = buildPut(meta, values, { allowOverride: !options.create, condition: options.condition }, now);
  return {
    kind: options.create ? "create" : "save",
    meta,
    key: primaryKey(meta, stored),
    failure: { meta, key: keyFieldValues(meta, values), mustNotExist: options.create, expectedVersion: values[meta.versionField ?? ""] },
    item: { Put: pick(input, ["TableName", "Item", ...CONDITION]) },
    validate: () => runValidators(meta, stored),
    apply: () => refresh(stored),
  };
}

export function updateOp(meta: ModelMeta, current: Readonly<NativeItem>, changes: Readonly<Record<string, unknown>>, condition: Where | undefined, now: string): TxOp {
  const input = buildUpdate(meta, current, changes, { condition }, now);
  return {
    kind: "update",
    meta,
    key: primaryKey(meta, current),
    failure: { meta, key: keyFieldValues(meta, current), mustExist: true, expectedVersion: current[meta.versionField ?? ""], checksVersion: typeof current[meta.versionField ?? ""] === "number" },
    item: { Update: { ...pick(input, ["TableName", "Key", ...CONDITION]), UpdateExpression: input.UpdateExpression! } },
    validate: () => validateChanges(meta, changes),
  };
}

export function deleteOp(meta: ModelMeta, values: Readonly<NativeItem>, options: { condition?: Where | undefined; checkVersion: boolean }): TxOp {
  const input = buildDelete(meta, values, options);
  return {
    kind: "delete",
    meta,
    key: primaryKey(meta, values),
    failure: { meta, key: keyFieldValues(meta, values), expectedVersion: values[meta.versionField ?? ""], checksVersion: options.checkVersion },
    item: { Delete: pick(input, ["TableName", "Key", ...CONDITION]) },
    validate: async () => undefined,
  };
}

export function conditionCheckOp(meta: ModelMeta, values: Readonly<NativeItem>, condition: Where): TxOp {
  const ctx = new ExpressionContext();
  const expression = checkExpression("condition", compileWhere(meta, condition, ctx));
  if (!expression) throw new ValidationError(`conditionCheck on ${meta.name} needs a condition with at least one term`);
  const key = primaryKey(meta, values);
  return {
    kind: "conditionCheck",
    meta,
    key,
    failure: { meta, key: keyFieldValues(meta, values), checksVersion: false },
    item: {
      ConditionCheck: { TableName: table.name, Key: toAttributeMap(key), ConditionExpression: expression, ...ctx.toInput(), ReturnValuesOnConditionCheckFailure: "ALL_OLD" },
    },
    validate: async () => undefined,
  };
}
