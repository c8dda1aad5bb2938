import { keyTemplate, type KeyTemplate, type TemplateScope } from "./scope.js";

export interface GetItemTemplateOptions {
  /** Strongly consistent read. @default false */
  consistent?: boolean;
}

/** The `Arguments` of an `arn:aws:states:::dynamodb:getItem` task. */
export interface GetItemArguments {
  readonly TableName: string;
  readonly Key: KeyTemplate;
  readonly ConsistentRead?: true;
}

/** As `Model.objects.getLoadQuery`. */
export function getItemArguments(scope: TemplateScope, options: GetItemTemplateOptions): GetItemArguments {
  return { TableName: scope.tableName, Key: keyTemplate(scope), ...(options.consistent ? { ConsistentRead: true } : {}) };
}
