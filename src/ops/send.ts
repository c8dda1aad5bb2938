import { StormError, DynamoDBError } from "../errors/index.js";
import type { Loaders } from "../loader/context.js";

/**
 * Counts one request against the budget of the loaders it is sent for (a GraphQL
 * operation's `maxRequests`), throwing `RequestLimitExceeded` instead of sending past it.
 * Callers pass their loaders explicitly: nothing here looks up an async context.
 */
export function spendRequest(loaders: Loaders | undefined, operation: string): void {
  loaders?.spend(operation);
}

/**
 * Runs one DynamoDB call, counted on `loaders`. `onError` maps the errors an operation expects (a failed condition
 * means "already exists" to a create); anything else is wrapped with the AWS error as `cause`.
 */
export async function callDynamo<T>(loaders: Loaders | undefined, operation: string, run: () => Promise<T>, onError?: (error: unknown) => StormError | undefined): Promise<T> {
  spendRequest(loaders, operation);
  try {
    return await run();
  } catch (error) {
    if (error instanceof StormError) throw error;
    throw onError?.(error) ?? new DynamoDBError(operation, error);
  }
}

export function isConditionalCheckFailed(error: unknown): error is Error & { Item?: Record<string, unknown> } {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}
