import { StormError, DynamoDBError } from "../errors/index.js";
import { currentLoaders } from "../loader/context.js";

/**
 * Counts one request against the current loader scope's budget (a GraphQL operation's
 * `maxRequests`), throwing `RequestLimitExceeded` instead of sending past it.
 */
export function spendRequest(operation: string): void {
  currentLoaders()?.spend(operation);
}

/**
 * Runs one DynamoDB call. `onError` maps the errors an operation expects (a failed condition
 * means "already exists" to a create); anything else is wrapped with the AWS error as `cause`.
 */
export async function callDynamo<T>(operation: string, run: () => Promise<T>, onError?: (error: unknown) => StormError | undefined): Promise<T> {
  spendRequest(operation);
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
