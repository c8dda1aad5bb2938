import { Kind, versionInfo, type DirectiveNode, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";
import type { PageSizeLimits } from "./args.js";

/** graphql 17 gives resolvers the variables as `{ sources, coerced }`; 16 gave the coerced values themselves. */
const WRAPPED_VARIABLES = versionInfo.major >= 17;

/** The operation's coerced variable values by name, whichever graphql major runs it. */
export function variablesOf(info: GraphQLResolveInfo): Readonly<Record<string, unknown>> {
  const values: unknown = info.variableValues;
  return (WRAPPED_VARIABLES ? (values as { coerced: unknown }).coerced : values) as Readonly<Record<string, unknown>>;
}

/** A literal or variable argument of a selected field, read before its resolver runs (look-ahead, cost). */
export function argumentValue(field: FieldNode, name: string, variables: Readonly<Record<string, unknown>>): unknown {
  const value = field.arguments?.find((a) => a.name.value === name)?.value;
  if (value?.kind === Kind.VARIABLE) return variables[value.name.value];
  if (value?.kind === Kind.INT) return Number(value.value);
  return value?.kind === Kind.BOOLEAN ? value.value : undefined;
}

/** Whether a selected field sets an argument to a value other than null (literally or through a variable). */
export function hasArgument(field: FieldNode, name: string, variables: Readonly<Record<string, unknown>>): boolean {
  const value = field.arguments?.find((a) => a.name.value === name)?.value;
  if (!value || value.kind === Kind.NULL) return false;
  return value.kind !== Kind.VARIABLE || variables[value.name.value] != null;
}

/** The page size a selected connection will read: `first` (or `last`) clamped, or the default (an invalid one is refused later, by its resolver). */
export function plannedPageSize(field: FieldNode, variables: Readonly<Record<string, unknown>>, limits: PageSizeLimits): number {
  const first = argumentValue(field, "first", variables) ?? argumentValue(field, "last", variables);
  return typeof first === "number" && first > 0 ? Math.min(first, limits.maxPageSize) : limits.defaultPageSize;
}

/** The `if` of a `@skip` or `@include` as the operation sets it (a literal or a variable). */
function condition(directive: DirectiveNode, variables: Readonly<Record<string, unknown>>): boolean {
  const value = directive.arguments?.find((a) => a.name.value === "if")?.value;
  if (value?.kind === Kind.VARIABLE) return variables[value.name.value] === true;
  return value?.kind === Kind.BOOLEAN && value.value;
}

/** Whether a selection runs: no `@skip(if: true)`, no `@include(if: false)`. */
function included(directives: readonly DirectiveNode[] | undefined, variables: Readonly<Record<string, unknown>>): boolean {
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if ((name === "skip" && condition(directive, variables)) || (name === "include" && !condition(directive, variables))) return false;
  }
  return true;
}

/**
 * Fields selected directly in these selection sets, fragments spread; fields and fragments
 * that `@skip`/`@include` leave out are not listed (a look-ahead must not read for them).
 */
function fieldsIn(info: GraphQLResolveInfo, sets: readonly (SelectionSetNode | undefined)[]): FieldNode[] {
  const variables = variablesOf(info);
  const fields: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const sel of set?.selections ?? []) {
      if (!included(sel.directives, variables)) continue;
      if (sel.kind === Kind.FIELD) fields.push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet);
      else visit(info.fragments[sel.name.value]?.selectionSet);
    }
  };
  sets.forEach(visit);
  return fields;
}

/** Fields selected directly under the field being resolved. */
export function selectedFields(info: GraphQLResolveInfo): FieldNode[] {
  return fieldsIn(info, info.fieldNodes.map((n) => n.selectionSet));
}

/** Fields selected under the selected fields named `name` (`node` under `edges`). */
export function fieldsUnder(info: GraphQLResolveInfo, fields: readonly FieldNode[], name: string): FieldNode[] {
  return fieldsIn(info, fields.filter((f) => f.name.value === name).map((f) => f.selectionSet));
}
