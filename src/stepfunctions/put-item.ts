import { MissingRequiredFields, ValidationError } from "../errors/index.js";
import type { DatetimeOptions } from "../model/fields.js";
import { TYPE_ATTRIBUTE } from "../model/item.js";
import { joinConditions } from "../ops/write/conditions.js";
import { attributeTemplate, type AttributeTemplate } from "./attribute.js";
import { gsi1pkForWriteTemplate, type Sources } from "./keys.js";
import { TemplatePlaceholders } from "./placeholders.js";
import { keyTemplate, NOW, type TemplateScope } from "./scope.js";
import { nextVersion, versionCondition } from "./version.js";

export interface PutItemTemplateOptions {
  /** Overwrite an existing item with the same key; `false` makes the task fail on one. @default true */
  allowOverride?: boolean;
}

/** The `Arguments` of an `arn:aws:states:::dynamodb:putItem` task. */
export interface PutItemArguments {
  readonly TableName: string;
  readonly Item: Record<string, AttributeTemplate>;
  readonly ConditionExpression?: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, AttributeTemplate>;
  readonly ReturnValuesOnConditionCheckFailure?: "ALL_OLD";
}

/**
 * The sources of a new item, as `new Model(...)` fills it: unmapped fields take their fixed
 * default (a JSON literal is a JSONata literal too). A default computed in JavaScript cannot
 * run in a state machine, so such a field must be mapped.
 */
function itemSources(scope: TemplateScope): Sources {
  const { meta } = scope;
  const out: Record<string, string> = { ...scope.sources };
  const computed: string[] = [];
  for (const name of meta.fieldNames) {
    const fallback = meta.fields[name]!.options.default;
    if (out[name] !== undefined || fallback === undefined) continue;
    if (typeof fallback === "function") computed.push(name);
    else out[name] = JSON.stringify(fallback);
  }
  if (computed.length) {
    throw new ValidationError(`${meta.name}.stepFunctions().putItem(): the default of ${computed.join(", ")} is computed in JavaScript, which a state machine cannot run: map the field(s)`);
  }
  return out;
}

/** Each field's attribute value, as `prepareForPut` and `toStoredItem` write it. */
function fieldAttributes(scope: TemplateScope): Record<string, AttributeTemplate> {
  const { meta, sources } = scope;
  const out: Record<string, AttributeTemplate> = {};
  const missing: string[] = [];
  for (const name of meta.fieldNames) {
    const field = meta.fields[name]!;
    const o = field.options as DatetimeOptions;
    if (name === meta.versionField) out[name] = nextVersion(scope);
    else if (o.autoNow || (o.autoNowAdd && sources[name] === undefined)) out[name] = NOW;
    else if (sources[name] !== undefined) out[name] = attributeTemplate(field, sources[name]);
    else if (!o.optional) missing.push(name);
  }
  if (missing.length) throw new MissingRequiredFields(meta.name, missing);
  return out;
}

/** As `Model.objects.getSaveQuery`: keys, GSI1PK when the gsi fields are mapped, `_type` and the fields. */
export function putItemArguments(scope: TemplateScope, options: PutItemTemplateOptions): PutItemArguments {
  const { meta } = scope;
  const withSources = { ...scope, sources: itemSources(scope) };
  const gsi = gsi1pkForWriteTemplate(meta, withSources.sources);
  const Item: Record<string, AttributeTemplate> = {
    ...keyTemplate(withSources),
    ...(gsi === undefined ? {} : { GSI1PK: { S: gsi } }),
    [TYPE_ATTRIBUTE]: { S: meta.name },
    ...fieldAttributes(withSources),
  };
  const p = new TemplatePlaceholders();
  const condition = joinConditions(options.allowOverride === false ? `attribute_not_exists(${p.name("PK")})` : undefined, versionCondition(withSources, p));
  if (condition === undefined) return { TableName: scope.tableName, Item };
  return { TableName: scope.tableName, Item, ConditionExpression: condition, ...p.toInput(), ReturnValuesOnConditionCheckFailure: "ALL_OLD" };
}
