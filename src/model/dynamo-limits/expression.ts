import { MAX_EXPRESSION_BYTES, MAX_EXPRESSION_OPERATORS } from "./limits.js";
import { utf8Bytes } from "./key-size.js";
import { ValidationError } from "../../errors/index.js";

/**
 * What DynamoDB counts as an operator: comparisons, AND, OR, NOT, BETWEEN, IN and functions;
 * the AND inside `BETWEEN a AND b` and parentheses are not (checked against DynamoDB Local).
 * Names and values are placeholders (`#n0`, `:v0`), so no data can look like an operator.
 */
const OPERATOR = /<>|<=|>=|[=<>]|\b(?:AND|OR|NOT|BETWEEN|IN)\b|\b[a-z_]+\(/g;
const BETWEEN = /\bBETWEEN\b/g;

/** Operators and functions DynamoDB counts in a filter or condition expression. */
export function countOperators(expression: string): number {
  return (expression.match(OPERATOR)?.length ?? 0) - (expression.match(BETWEEN)?.length ?? 0);
}

function tooLarge(what: string, message: string): ValidationError {
  return new ValidationError(`The ${what} ${message}`, [{ path: what, message }]);
}

/**
 * Returns `expression` when DynamoDB accepts its size, else throws a `ValidationError`
 * naming `what` ("filter", "condition", "update"). Updates are checked for length only:
 * their shape comes from the model's fields, not from a client.
 */
export function checkExpression(what: "filter" | "condition" | "update", expression: string): string {
  const bytes = utf8Bytes(expression);
  if (bytes > MAX_EXPRESSION_BYTES) {
    throw tooLarge(what, `is ${bytes} bytes once compiled, over DynamoDB's limit of ${MAX_EXPRESSION_BYTES} bytes per expression; use fewer terms`);
  }
  if (what === "update") return expression;
  const operators = countOperators(expression);
  if (operators > MAX_EXPRESSION_OPERATORS) {
    throw tooLarge(what, `has ${operators} operators and functions, over DynamoDB's limit of ${MAX_EXPRESSION_OPERATORS} per expression; use fewer terms`);
  }
  return expression;
}
