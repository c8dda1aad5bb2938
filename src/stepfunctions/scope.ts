import type { ModelMeta } from "../model/meta.js";
import type { AttributeTemplate } from "./attribute.js";
import { template } from "./jsonata.js";
import { pkTemplate, skTemplate, type Sources } from "./keys.js";

/** What every template request is built from. */
export interface TemplateScope {
  readonly meta: ModelMeta;
  readonly sources: Sources;
  readonly tableName: string;
}

/** `{ PK, SK }` as DynamoDB JSON, each a fixed string or a JSONata template. */
export interface KeyTemplate {
  readonly PK: { readonly S: string };
  readonly SK: { readonly S: string };
}

export function keyTemplate(scope: TemplateScope): KeyTemplate {
  return { PK: { S: pkTemplate(scope.meta, scope.sources) }, SK: { S: skTemplate(scope.meta, scope.sources) } };
}

/**
 * "Now" for automatic timestamps: the time the state was entered, an ISO string like
 * `toISOString()`'s, and one value for every field of the request (as the ORM uses one).
 */
export const NOW: AttributeTemplate = { S: template("$states.context.State.EnteredTime") };
