import { GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped } from "graphql";

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function parseDateTime(value: unknown): string {
  if (typeof value !== "string" || !ISO_DATETIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError(`DateTime must be an ISO-8601 date-time with a zone, e.g. 2024-05-01T12:00:00Z; got ${JSON.stringify(value)}`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return value;
}

/** An ISO-8601 date-time string with a time zone, as `field.datetime()` stores it. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: "DateTime",
  description: "An ISO-8601 date-time string with a time zone, e.g. 2024-05-01T12:00:00Z.",
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
