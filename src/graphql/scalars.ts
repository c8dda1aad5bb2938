import { GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped } from "graphql";
import { isIsoDatetime } from "../model/values.js";

function parseDateTime(value: unknown): string {
  // The rule `field.datetime()` checks on write, so every stored value is a valid input too.
  if (!isIsoDatetime(value)) {
    throw new GraphQLError(`DateTime must be an ISO-8601 date or date-time, e.g. 2024-05-01T12:00:00Z; got ${JSON.stringify(value)}`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return value;
}

/** An ISO-8601 date or date-time string, as `field.datetime()` stores it. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: "DateTime",
  description: "An ISO-8601 date or date-time string, e.g. 2024-05-01T12:00:00Z.",
  serialize: (value) => String(value),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** Any JSON value: `field.json()` maps and `field.list()` elements. */
export const JSONScalar = new GraphQLScalarType<unknown, unknown>({
  name: "JSON",
  description: "Any JSON value.",
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
