import { GraphQLError, Lexer, Source, TokenKind, type GraphQLResolveInfo } from "graphql";
import { clientError } from "../errors.js";
import { operationShape } from "./cost.js";
import type { OperationLimits } from "./limits.js";

/** Verdicts per execution (its variable values object is unique to it). */
const verdicts = new WeakMap<object, GraphQLError | null>();

function countTokens(body: string, max: number): number {
  const lexer = new Lexer(new Source(body));
  let count = 0;
  // Stop counting past the limit: the verdict is known and the rest is not worth lexing.
  while (lexer.advance().kind !== TokenKind.EOF && count <= max) count++;
  return count;
}

function verdict(info: GraphQLResolveInfo, limits: OperationLimits): GraphQLError | null {
  const body = info.operation.loc?.source.body;
  if (body !== undefined) {
    const tokens = countTokens(body, limits.maxTokens);
    if (tokens > limits.maxTokens) return limitError("tokens", limits.maxTokens, tokens);
  }
  const shape = operationShape(info.schema, info.parentType, info.operation.selectionSet, info.fragments, info.variableValues, limits);
  if (shape.depth > limits.maxDepth) return limitError("depth", limits.maxDepth, shape.depth);
  if (shape.aliases > limits.maxAliases) return limitError("aliases", limits.maxAliases, shape.aliases);
  if (shape.cost > limits.maxCost) return limitError("cost", limits.maxCost, shape.cost);
  return null;
}

function limitError(limit: string, max: number, actual: number): GraphQLError {
  return clientError("LIMIT_EXCEEDED", `Operation exceeds the ${limit} limit (${actual} > ${max})`, { limit, max, actual });
}

/**
 * Throws when the operation is over a limit. Called by every root field, decided once per
 * execution; it runs inside the schema so any server that executes it is protected.
 */
export function checkOperationLimits(info: GraphQLResolveInfo, limits: OperationLimits): void {
  let found = verdicts.get(info.variableValues);
  if (found === undefined) {
    found = verdict(info, limits);
    verdicts.set(info.variableValues, found);
  }
  if (found) throw found;
}
