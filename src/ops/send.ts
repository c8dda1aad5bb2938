import { StormError, DynamoDBError } from "../errors/index.js";
import type { ConsumedCapacity } from "@aws-sdk/client-dynamodb";
import type { RequestUsage } from "../loader/budget.js";
import type { Loaders } from "../loader/context.js";

/** The parts of a DynamoDB response that tell what it cost. */
interface DynamoResponse {
  ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[];
  Item?: unknown;
  ScannedCount?: number;
  Responses?: Record<string, unknown[]>;
}

const READS = new Set(["GetItem", "BatchGetItem", "Query"]);

/** Asks DynamoDB to report the capacity a request consumes, for the operation's cost. */
export function withCapacity<T extends object>(input: T): T & { ReturnConsumedCapacity: "TOTAL" } {
  return { ...input, ReturnConsumedCapacity: "TOTAL" };
}

function usageOf(operation: string, out: DynamoResponse | undefined, ms: number): RequestUsage {
  const reported = out?.ConsumedCapacity;
  const consumed = reported === undefined ? [] : Array.isArray(reported) ? reported : [reported];
  const isRead = READS.has(operation);
  let readCapacity = 0;
  let writeCapacity = 0;
  // TOTAL reports CapacityUnits; the split by kind is there only for some operations.
  for (const c of consumed) {
    readCapacity += c.ReadCapacityUnits ?? (isRead ? c.CapacityUnits ?? 0 : 0);
    writeCapacity += c.WriteCapacityUnits ?? (isRead ? 0 : c.CapacityUnits ?? 0);
  }
  const itemsRead = out?.ScannedCount ?? (out?.Responses ? Object.values(out.Responses).reduce((n, items) => n + items.length, 0) : out?.Item ? 1 : 0);
  return { readCapacity, writeCapacity, itemsRead, ms, wrote: !isRead && out !== undefined };
}

/**
 * Sends one DynamoDB request on `loaders`: the one place every request goes through. It is
 * counted against their budget before it is sent (`RequestLimitExceeded` instead of sending
 * past it), and what its response cost is recorded on them (capacity, items read, time).
 * Send the request `withCapacity`, or its capacity counts as 0. Callers pass their loaders
 * explicitly: nothing here looks up an async context.
 */
export async function sendCounted<T extends DynamoResponse>(loaders: Loaders | undefined, operation: string, send: () => Promise<T>): Promise<T> {
  if (!loaders) return send();
  loaders.spend(operation);
  const started = performance.now();
  let out: T;
  try {
    out = await send();
  } catch (error) {
    loaders.record(operation, usageOf(operation, undefined, performance.now() - started));
    throw error;
  }
  loaders.record(operation, usageOf(operation, out, performance.now() - started));
  return out;
}

/**
 * Runs one DynamoDB call, counted on `loaders` (`sendCounted`). `onError` maps the errors an operation expects (a failed condition
 * means "already exists" to a create); anything else is wrapped with the AWS error as `cause`.
 */
export async function callDynamo<T extends DynamoResponse>(loaders: Loaders | undefined, operation: string, run: () => Promise<T>, onError?: (error: unknown) => StormError | undefined): Promise<T> {
  try {
    return await sendCounted(loaders, operation, run);
  } catch (error) {
    if (error instanceof StormError) throw error;
    throw onError?.(error) ?? new DynamoDBError(operation, error);
  }
}

export function isConditionalCheckFailed(error: unknown): error is Error & { Item?: Record<string, unknown> } {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}
