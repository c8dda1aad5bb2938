import { UpdateItemCommand, type UpdateItemCommandInput } from "@aws-sdk/client-dynamodb";
import { KeyFieldUpdateError, ValidationError } from "../../errors/index.js";
import { gsi1pkForWrite } from "../../keys/build.js";
import { checkExpression, checkItemSize } from "../../model/dynamo-limits/index.js";
import { keyFieldValues, keyAttributes, primaryKey } from "../../keys/primary.js";
import { fromAttributeMap, TYPE_ATTRIBUTE, type NativeItem, type RawItem } from "../../model/item.js";
import { invalidateAfter, type Loaders } from "../../loader/context.js";
import type { ModelMeta } from "../../model/meta.js";
import type { Fields, KeyNames, OptionalNames, ValueOf, VersionNames } from "../../model/types.js";
import { checkValues, runValidators, validationError } from "../../model/values.js";
import { table } from "../../table/table.js";
import { ExpressionContext } from "../expression-context.js";
import { compileUpdateExpression, referencedFields, UpdateExpression } from "../f.js";
import { callDynamo, withCapacity } from "../send.js";
import type { Where } from "../where.js";
import { joinConditions, userCondition, versionCondition } from "./conditions.js";
import { conditionFailure } from "./failure.js";
import { autoNowFields, nextVersion } from "./prepare.js";

/**
 * Changes accepted by `update`: a value, `null` to remove an optional field, or an `F(...)`
 * expression. Key fields and the version field are not updatable.
 */
export type UpdateOf<Fs extends Fields> = {
  [K in Exclude<keyof Fs & string, KeyNames<Fs> | VersionNames<Fs>>]?: ValueOf<Fs[K]> | UpdateExpression | (K extends OptionalNames<Fs> ? null : never);
};

export interface UpdateOptions {
  /** Only update when the stored item matches. */
  condition?: Where;
}

/** Sorts changes into SET and REMOVE actions, refusing what would corrupt the item. */
function planChanges(meta: ModelMeta, changes: Readonly<Record<string, unknown>>) {
  const keyFields = [...meta.pk, ...meta.sk].map((p) => p.name).filter((n) => n in changes);
  if (keyFields.length) throw new KeyFieldUpdateError(meta.name, keyFields);
  const set: Record<string, unknown> = {};
  const expressions: Record<string, UpdateExpression> = {};
  const remove: string[] = [];
  const issues: { path: string; message: string }[] = [];
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const def = meta.fields[name];
    if (!def) issues.push({ path: name, message: `unknown field of ${meta.name}` });
    else if (name === meta.versionField) issues.push({ path: name, message: "is the version field, which every write sets itself" });
    else if (value === null) {
      if (def.options.optional) remove.push(name);
      else issues.push({ path: name, message: "is required and cannot be removed" });
    } else if (value instanceof UpdateExpression) {
      for (const ref of referencedFields(value)) if (!meta.fields[ref]) issues.push({ path: name, message: `F("${ref}") is not a field of ${meta.name}` });
      expressions[name] = value;
    } else set[name] = value;
  }
  if (issues.length) throw validationError(meta.name, issues);
  checkValues(meta, set);
  return { set, expressions, remove };
}

/**
 * The UpdateItem request applying `changes` to the stored item `current` names. It never
 * creates (the item must exist), keeps GSI1PK in step with the gsi fields, and returns the
 * new item. `current` supplies the key, unchanged gsi fields and the expected version.
 */
export function buildUpdate(
  meta: ModelMeta,
  current: Readonly<NativeItem>,
  changes: Readonly<Record<string, unknown>>,
  options: UpdateOptions = {},
  now = new Date().toISOString(),
): UpdateItemCommandInput {
  const { set, expressions, remove } = planChanges(meta, changes);
  for (const name of autoNowFields(meta)) set[name] = now;
  const ctx = new ExpressionContext();
  const setActions = Object.entries(set).map(([n, v]) => `${ctx.name(n)} = ${ctx.value(v, n)}`);
  setActions.push(...Object.entries(expressions).map(([n, e]) => `${ctx.name(n)} = ${compileUpdateExpression(e, ctx, n)}`));
  const removeActions = remove.map((n) => ctx.name(n));

  const gsiChanged = meta.gsi.filter((p) => p.name in set || remove.includes(p.name) || p.name in expressions);
  // GSI1PK is rebuilt from the gsi fields left unchanged as `current` has them: require that
  // they are still stored so, or a concurrent writer's change would leave GSI1PK stale.
  const unchangedGsi: string[] = [];
  if (gsiChanged.length) {
    const computed = gsiChanged.filter((p) => p.name in expressions).map((p) => p.name);
    if (computed.length) throw new ValidationError(`${meta.name}: gsi field(s) ${computed.join(", ")} need plain values, since GSI1PK is rebuilt from them`);
    const merged: NativeItem = { ...current, ...set };
    for (const n of remove) delete merged[n];
    const gsi = gsi1pkForWrite(meta, merged);
    if (gsi === undefined) removeActions.push(ctx.name("GSI1PK"));
    else setActions.push(`${ctx.name("GSI1PK")} = ${ctx.value(gsi)}`);
    for (const p of meta.gsi.filter((g) => !gsiChanged.includes(g))) {
      const name = ctx.name(p.name);
      const value = current[p.name];
      unchangedGsi.push(value === undefined || value === null ? `attribute_not_exists(${name})` : `${name} = ${ctx.value(value)}`);
    }
  }
  // The version read is checked and replaced by the next; an update by bare key (a
  // transaction's) knows no version, so it increments whatever is stored.
  const knownVersion = meta.versionField !== undefined && typeof current[meta.versionField] === "number";
  if (meta.versionField) {
    const v = ctx.name(meta.versionField);
    setActions.push(knownVersion ? `${v} = ${ctx.value(nextVersion(current[meta.versionField]))}` : `${v} = if_not_exists(${v}, ${ctx.value(0)}) + ${ctx.value(1)}`);
  }
  // Items written by the Python library have no _type; an update adds it so collections can route them.
  setActions.push(`${ctx.name(TYPE_ATTRIBUTE)} = ${ctx.value(meta.name)}`);

  const condition = joinConditions(
    `attribute_exists(${ctx.name("PK")})`,
    knownVersion ? versionCondition(meta, current[meta.versionField!], ctx) : undefined,
    ...unchangedGsi,
    userCondition(meta, options.condition, ctx),
  );
  const clauses = [`SET ${setActions.join(", ")}`, removeActions.length ? `REMOVE ${removeActions.join(", ")}` : ""];
  const key = keyAttributes(primaryKey(meta, current));
  // The values written are a lower bound of the item afterwards: over 400 KB, it cannot be stored.
  checkItemSize({ ...key, ...ctx.values }, () => `update of ${meta.name} ${JSON.stringify(keyFieldValues(meta, current))}`);
  return {
    TableName: table.name,
    Key: key,
    UpdateExpression: checkExpression("update", clauses.filter(Boolean).join(" ")),
    ConditionExpression: condition,
    ...ctx.toInput(),
    ReturnValues: "ALL_NEW",
    ReturnValuesOnConditionCheckFailure: "ALL_OLD",
  };
}

/** Runs the field validators on the plain values of `changes` (DynamoDB computes the expressions; an update knows too little for the model's validator). */
export async function validateChanges(meta: ModelMeta, changes: Readonly<Record<string, unknown>>): Promise<void> {
  const plain = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== null && !(v instanceof UpdateExpression)));
  await runValidators(meta, plain, { model: false });
}

/** Applies `changes` (counted on and cleared from `loaders`); returns the stored item afterwards. */
export async function updateItem(meta: ModelMeta, current: Readonly<NativeItem>, changes: Readonly<Record<string, unknown>>, options: UpdateOptions, loaders: Loaders | undefined): Promise<NativeItem> {
  const input = buildUpdate(meta, current, changes, options);
  await validateChanges(meta, changes);
  const write = callDynamo(
    loaders,
    "UpdateItem",
    () => table.client.send(new UpdateItemCommand(withCapacity(input))),
    conditionFailure({
      meta,
      key: keyFieldValues(meta, current),
      mustExist: true,
      expectedVersion: current[meta.versionField ?? ""],
      checksVersion: typeof current[meta.versionField ?? ""] === "number",
    }),
  );
  const out = await invalidateAfter(loaders, [primaryKey(meta, current)], write);
  return fromAttributeMap((out.Attributes ?? {}) as RawItem);
}
