import { Kind, versionInfo, type FieldNode, type GraphQLResolveInfo } from "graphql";
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
