import { KeyFieldUpdateError } from "../errors/index.js";
import { checkExpression } from "../model/dynamo-limits/index.js";
import { TYPE_ATTRIBUTE } from "../model/item.js";
import { validationError } from "../model/values.js";
import type { Fields, KeyNames, OptionalNames, VersionNames } from "../model/types.js";
import { joinConditions } from "../ops/write/conditions.js";
import { autoNowFields } from "../ops/write/prepare.js";
import { attributeTemplate, type AttributeTemplate } from "./attribute.js";
import { gsi1pkForWriteTemplate } from "./keys.js";
import { TemplatePlaceholders } from "./placeholders.js";
import { keyTemplate, NOW, type KeyTemplate, type TemplateScope } from "./scope.js";
import { nextVersion, versionCondition, versionSource } from "./version.js";

/**
 * Changes of `updateItem`: per field, the JSONata expression of its new value, or `null`
 * to remove an optional field. Key fields and the version field are not updatable.
 */
export type TemplateChangesOf<Fs extends Fields> = {
  readonly [K in Exclude<keyof Fs & string, KeyNames<Fs> | VersionNames<Fs>>]?: string | (K extends OptionalNames<Fs> ? null : never);
};

/** The `Arguments` of an `arn:aws:states:::dynamodb:updateItem` task; it returns the item afterwards. */
export interface UpdateItemArguments {
  readonly TableName: string;
  readonly Key: KeyTemplate;
  readonly UpdateExpression: string;
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, AttributeTemplate>;
  readonly ReturnValues: "ALL_NEW";
  readonly ReturnValuesOnConditionCheckFailure: "ALL_OLD";
}

/** Sorts the changes (already checked JSONata sources, or null) into SET values and REMOVE names, refusing what `update` refuses. */
function planChanges(scope: TemplateScope, changes: Readonly<Record<string, string | null>>) {
  const { meta } = scope;
  const keyFields = [...meta.pk, ...meta.sk].map((p) => p.name).filter((n) => n in changes);
  if (keyFields.length) throw new KeyFieldUpdateError(meta.name, keyFields);
  const set: Record<string, AttributeTemplate> = {};
  const setSources: Record<string, string> = {};
  const remove: string[] = [];
  const issues: { path: string; message: string }[] = [];
  for (const [name, source] of Object.entries(changes)) {
    const field = meta.fields[name]!;
    if (name === meta.versionField) issues.push({ path: name, message: "is the version field, which every write sets itself" });
    else if (source !== null) {
      set[name] = attributeTemplate(field, source);
      setSources[name] = source;
    } else if (field.options.optional) remove.push(name);
    else issues.push({ path: name, message: "is required and cannot be removed" });
  }
  if (issues.length) throw validationError(meta.name, issues);
  for (const name of autoNowFields(meta)) set[name] = NOW;
  return { set, setSources, remove };
}

/**
 * As `Model.objects.getUpdateQuery`: never creates, keeps GSI1PK in step with the gsi fields
 * (rebuilt from the changes and the mapping, which must give the unchanged ones), checks the
 * version when the mapping gives it, and returns the new item.
 */
export function updateItemArguments(scope: TemplateScope, changes: Readonly<Record<string, string | null>>): UpdateItemArguments {
  const { meta, sources } = scope;
  const { set, setSources, remove } = planChanges(scope, changes);
  const p = new TemplatePlaceholders();
  const setActions = Object.entries(set).map(([n, v]) => `${p.name(n)} = ${p.value(v)}`);
  const removeActions = remove.map((n) => p.name(n));

  const gsiChanged = meta.gsi.filter((g) => g.name in set || remove.includes(g.name));
  const unchangedGsi: string[] = [];
  if (gsiChanged.length) {
    const merged: Record<string, string> = { ...sources, ...setSources };
    for (const n of remove) delete merged[n];
    const gsi = gsi1pkForWriteTemplate(meta, merged);
    if (gsi === undefined) removeActions.push(p.name("GSI1PK"));
    else setActions.push(`${p.name("GSI1PK")} = ${p.value({ S: gsi })}`);
    // As the ORM does: the gsi fields GSI1PK was rebuilt from must still be stored as read.
    for (const g of meta.gsi.filter((x) => !gsiChanged.includes(x))) {
      const name = p.name(g.name);
      const read = sources[g.name];
      unchangedGsi.push(read === undefined ? `attribute_not_exists(${name})` : `${name} = ${p.value(attributeTemplate(g.field, read))}`);
    }
  }
  const read = versionSource(scope);
  if (meta.versionField) {
    const v = p.name(meta.versionField);
    setActions.push(read === undefined ? `${v} = if_not_exists(${v}, ${p.value({ N: "0" })}) + ${p.value({ N: "1" })}` : `${v} = ${p.value(nextVersion(scope))}`);
  }
  setActions.push(`${p.name(TYPE_ATTRIBUTE)} = ${p.value({ S: meta.name })}`);

  const condition = joinConditions(`attribute_exists(${p.name("PK")})`, read === undefined ? undefined : versionCondition(scope, p), ...unchangedGsi)!;
  const clauses = [`SET ${setActions.join(", ")}`, removeActions.length ? `REMOVE ${removeActions.join(", ")}` : ""];
  return {
    TableName: scope.tableName,
    Key: keyTemplate(scope),
    UpdateExpression: checkExpression("update", clauses.filter(Boolean).join(" ")),
    ConditionExpression: condition,
    ...p.toInput(),
    ReturnValues: "ALL_NEW",
    ReturnValuesOnConditionCheckFailure: "ALL_OLD",
  };
}
