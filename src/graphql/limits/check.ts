import {
  GraphQLError, Lexer, Source, TokenKind,
  type FragmentDefinitionNode, type GraphQLNamedType, type GraphQLResolveInfo, type GraphQLSchema, type OperationDefinitionNode,
} from "graphql";
import { clientError } from "../errors.js";
import { variablesOf } from "../selection.js";
import { operationShape } from "./cost.js";
import type { OperationLimits } from "./limits.js";

/** Verdicts per execution (its variable values object is unique to it). */
const verdicts = new WeakMap<object, GraphQLError | null>();
/**
 * Verdicts per schema, limits and parsed operation, for operations without variables: their
 * verdict depends on the document alone, and servers reuse a parsed document for every
 * request sending it.
 */
const documentVerdicts = new WeakMap<GraphQLSchema, WeakMap<OperationLimits, WeakMap<OperationDefinitionNode, GraphQLError | null>>>();

function countTokens(body: string, max: number): number {
  const lexer = new Lexer(new Source(body));
  let count = 0;
  // Stop counting past the limit: the verdict is known and the rest is not worth lexing.
  while (lexer.advance().kind !== TokenKind.EOF && count <= max) count++;
  return count;
}

/** What the limits are checked on: one operation of a parsed document. */
export interface LimitSubject {
  schema: GraphQLSchema;
  root: GraphQLNamedType;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  /** The operation's variables; without them (while validating) the cost is not judged. */
  variables?: Record<string, unknown>;
}

/** The first limit the operation exceeds, or null: tokens, depth, aliases, then cost. */
export function limitVerdict(subject: LimitSubject, limits: OperationLimits): GraphQLError | null {
  const body = subject.operation.loc?.source.body;
  if (body !== undefined) {
    const tokens = countTokens(body, limits.maxTokens);
    if (tokens > limits.maxTokens) return limitError("tokens", limits.maxTokens, tokens);
  }
  const shape = operationShape(subject.schema, subject.root, subject.operation.selectionSet, subject.fragments, subject.variables ?? {}, limits);
  if (shape.depth > limits.maxDepth) return limitError("depth", limits.maxDepth, shape.depth);
  if (shape.aliases > limits.maxAliases) return limitError("aliases", limits.maxAliases, shape.aliases);
  if (subject.variables && shape.cost > limits.maxCost) return limitError("cost", limits.maxCost, shape.cost);
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
  const found = info.operation.variableDefinitions?.length ? executionVerdict(info, limits) : documentVerdict(info, limits);
  if (found) throw found;
}

function executionVerdict(info: GraphQLResolveInfo, limits: OperationLimits): GraphQLError | null {
  let found = verdicts.get(info.variableValues);
  if (found === undefined) verdicts.set(info.variableValues, (found = verdictOf(info, limits)));
  return found;
}

function verdictOf(info: GraphQLResolveInfo, limits: OperationLimits): GraphQLError | null {
  return limitVerdict({ schema: info.schema, root: info.parentType, operation: info.operation, fragments: info.fragments, variables: variablesOf(info) }, limits);
}

function documentVerdict(info: GraphQLResolveInfo, limits: OperationLimits): GraphQLError | null {
  let byLimits = documentVerdicts.get(info.schema);
  if (!byLimits) documentVerdicts.set(info.schema, (byLimits = new WeakMap()));
  let byOperation = byLimits.get(limits);
  if (!byOperation) byLimits.set(limits, (byOperation = new WeakMap()));
  let found = byOperation.get(info.operation);
  if (found === undefined) byOperation.set(info.operation, (found = verdictOf(info, limits)));
  return found;
}
