import type { AttributeTemplate } from "./attribute.js";
import { template } from "./jsonata.js";
import type { TemplatePlaceholders } from "./placeholders.js";
import type { TemplateScope } from "./scope.js";

/** The version field's source: the version the state read, or undefined when unmapped (or no version field). */
export function versionSource(scope: TemplateScope): string | undefined {
  const field = scope.meta.versionField;
  return field === undefined ? undefined : scope.sources[field];
}

/** The version a write stores: one past the version read, or 1 for a new item (`nextVersion`). */
export function nextVersion(scope: TemplateScope): AttributeTemplate {
  const read = versionSource(scope);
  return { N: read === undefined ? "1" : template(`$string(${read} + 1)`) };
}

/** The optimistic-locking term (`versionCondition`): the stored version is the one read, or none is stored. */
export function versionCondition(scope: TemplateScope, p: TemplatePlaceholders): string | undefined {
  const field = scope.meta.versionField;
  if (field === undefined) return undefined;
  const read = versionSource(scope);
  const name = p.name(field);
  return read === undefined ? `attribute_not_exists(${name})` : `${name} = ${p.value({ N: template(`$string(${read})`) })}`;
}
