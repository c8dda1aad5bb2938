import type { AttributeTemplate } from "./attribute.js";
import { TemplatePlaceholders } from "./placeholders.js";
import { keyTemplate, type KeyTemplate, type TemplateScope } from "./scope.js";
import { versionCondition, versionSource } from "./version.js";

/** The `Arguments` of an `arn:aws:states:::dynamodb:deleteItem` task; it returns the deleted item. */
export interface DeleteItemArguments {
  readonly TableName: string;
  readonly Key: KeyTemplate;
  readonly ReturnValues: "ALL_OLD";
  readonly ConditionExpression?: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, AttributeTemplate>;
  readonly ReturnValuesOnConditionCheckFailure?: "ALL_OLD";
}

/** As `Model.objects.getDeleteQuery`: the version is checked when the mapping gives it. */
export function deleteItemArguments(scope: TemplateScope): DeleteItemArguments {
  const base = { TableName: scope.tableName, Key: keyTemplate(scope), ReturnValues: "ALL_OLD" } as const;
  if (versionSource(scope) === undefined) return base;
  const p = new TemplatePlaceholders();
  return { ...base, ConditionExpression: versionCondition(scope, p)!, ...p.toInput(), ReturnValuesOnConditionCheckFailure: "ALL_OLD" };
}
