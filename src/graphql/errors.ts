import { GraphQLError } from "graphql";
import { RequestLimitExceeded, StormError, ValidationError, type StormErrorCode } from "../errors/index.js";

/** Client-facing codes (`extensions.code`) for the errors a client can act on. */
const CLIENT_CODES: Partial<Record<StormErrorCode, string>> = {
  DOES_NOT_EXIST: "NOT_FOUND",
  ALREADY_EXISTS: "ALREADY_EXISTS",
  VALIDATION: "BAD_USER_INPUT",
  MISSING_REQUIRED_FIELDS: "BAD_USER_INPUT",
  KEY_FIELD_UPDATE: "BAD_USER_INPUT",
  CONDITION_FAILED: "CONDITION_FAILED",
  VERSION_CONFLICT: "CONDITION_FAILED",
  BAD_CURSOR: "BAD_CURSOR",
  REQUEST_LIMIT: "LIMIT_EXCEEDED",
};

/**
 * A real `GraphQLError` for errors the client caused, which masked-error servers (yoga)
 * pass through; anything else (AWS, internal) is returned unchanged for the server to mask.
 */
export function toClientError(error: unknown): unknown {
  if (error instanceof GraphQLError || !(error instanceof StormError)) return error;
  const code = CLIENT_CODES[error.code];
  if (!code) return error;
  const extensions: Record<string, unknown> = { code };
  if (error instanceof ValidationError && error.issues.length) extensions.issues = error.issues;
  if (error instanceof RequestLimitExceeded) Object.assign(extensions, { limit: error.limit, max: error.max });
  return new GraphQLError(error.message, { extensions });
}

export function clientError(code: string, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}
