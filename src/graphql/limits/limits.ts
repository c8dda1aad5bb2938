import type { BudgetLimits } from "../../loader/budget.js";

/** Per-operation limits; an operation over any of them gets a GraphQL error, never a 5xx. */
export interface OperationLimits {
  /** Deepest field nesting (introspection fields not counted). @default 10 */
  maxDepth: number;
  /** Aliased fields in the operation. @default 15 */
  maxAliases: number;
  /** Lexical tokens in the document. @default 2000 */
  maxTokens: number;
  /**
   * DynamoDB requests the operation may make, estimated from its selection before it runs;
   * the estimate is an upper bound of what the derived fields can send. @default 100
   */
  maxCost: number;
  /**
   * DynamoDB requests the operation may really send, counted as they are sent; fields that
   * would need more answer LIMIT_EXCEEDED. A safety net under the estimate, for what it
   * cannot see (custom resolvers, reads cut short by DynamoDB's 1 MB response limit).
   * @default maxCost
   */
  maxRequests?: number;
  /**
   * Read capacity units the operation may consume, as DynamoDB reports them on each response
   * (every request asks with `ReturnConsumedCapacity: TOTAL`). Known only once a response is
   * in: the response that takes the total past it answers LIMIT_EXCEEDED (`limit:
   * "readCapacity"`) and nothing is sent after it, so the operation consumes at most this
   * plus what the requests then in flight consume (one request's worth when they run one
   * after another; a Query reads at most 1 MB, 128 units strongly consistent).
   * @default unlimited
   */
  maxReadCapacity?: number;
  /** Write capacity units the operation may consume, enforced like `maxReadCapacity`. @default unlimited */
  maxWriteCapacity?: number;
  /** Page size assumed for connections without `first`, for the cost estimate. @default 20 */
  defaultPageSize: number;
  /** Largest `first` honoured (larger ones are clamped). @default 100 */
  maxPageSize: number;
}

export const DEFAULT_LIMITS: OperationLimits = Object.freeze({
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2000,
  maxCost: 100,
  defaultPageSize: 20,
  maxPageSize: 100,
});

/** The run-time budget of an operation under `limits`: its requests and consumed capacity. */
export function requestBudget(limits: OperationLimits): BudgetLimits {
  const { maxReadCapacity, maxWriteCapacity } = limits;
  return {
    maxRequests: limits.maxRequests ?? limits.maxCost,
    ...(maxReadCapacity === undefined ? {} : { maxReadCapacity }),
    ...(maxWriteCapacity === undefined ? {} : { maxWriteCapacity }),
  };
}
