import { ValidationError } from "../errors/index.js";
import type { AttributeTemplate } from "./attribute.js";
import { gsi1pkTemplate, pkTemplate, skConditionTemplate } from "./keys.js";
import { TemplatePlaceholders } from "./placeholders.js";
import type { TemplateScope } from "./scope.js";

export interface QueryTemplateOptions {
  /** Query GSI1 (GSI1PK from the gsi fields) instead of the table. @default false */
  index?: boolean;
  /** Descending sort-key order. @default false */
  reverse?: boolean;
  /** Items per request (DynamoDB's `Limit`). @default no limit */
  limit?: number;
  /** Strongly consistent read (table only). @default false */
  consistent?: boolean;
}

/** The `Arguments` of an `arn:aws:states:::aws-sdk:dynamodb:query` task (DynamoDB has no optimized Step Functions query). */
export interface QueryArguments {
  readonly TableName: string;
  readonly KeyConditionExpression: string;
  readonly ExpressionAttributeNames: Record<string, string>;
  readonly ExpressionAttributeValues: Record<string, AttributeTemplate>;
  readonly IndexName?: "GSI1";
  readonly ScanIndexForward?: false;
  readonly ConsistentRead?: true;
  readonly Limit?: number;
}

/**
 * As `Model.objects.using(mapping)....getQuery()`: the partition from the pk (or gsi) fields,
 * and the SK from the leading sk fields mapped, an exact SK when all are.
 */
export function queryArguments(scope: TemplateScope, options: QueryTemplateOptions): QueryArguments {
  const { meta, sources } = scope;
  const index = options.index ?? false;
  if (index && meta.gsi.length === 0) throw new ValidationError(`${meta.name} has no gsi fields, so it cannot use the index`);
  if (index && options.consistent) throw new ValidationError("A global secondary index does not support consistent reads");
  if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1)) {
    throw new ValidationError(`query({ limit }) takes a positive integer, got ${String(options.limit)}`);
  }
  const p = new TemplatePlaceholders();
  const partition = index ? gsi1pkTemplate(meta, sources) : pkTemplate(meta, sources);
  const partitionTerm = `${p.name(index ? "GSI1PK" : "PK")} = ${p.value({ S: partition })}`;
  const sk = skConditionTemplate(meta, sources);
  const skName = p.name("SK");
  const skValue = p.value({ S: sk.value });
  const skTerm = sk.op === "=" ? `${skName} = ${skValue}` : `begins_with(${skName}, ${skValue})`;
  const placeholders = p.toInput();
  return {
    TableName: scope.tableName,
    KeyConditionExpression: `${partitionTerm} AND ${skTerm}`,
    ...(index ? { IndexName: "GSI1" } : {}),
    ExpressionAttributeNames: placeholders.ExpressionAttributeNames!,
    ExpressionAttributeValues: placeholders.ExpressionAttributeValues!,
    ...(options.reverse ? { ScanIndexForward: false } : {}),
    ...(options.consistent ? { ConsistentRead: true } : {}),
    ...(options.limit !== undefined ? { Limit: options.limit } : {}),
  };
}
