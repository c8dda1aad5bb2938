import { setTimeout as sleep } from "node:timers/promises";
import { ValidationError } from "../../errors/index.js";

/** How batch calls retry what DynamoDB left unprocessed or throttled. */
export interface RetryOptions {
  /** Calls in all, the first one included. @default 5 */
  maxAttempts?: number;
  /** Cap of the first retry's delay; each retry doubles it. @default 50 */
  baseDelayMs?: number;
  /** Cap of any one delay. @default 5000 */
  maxDelayMs?: number;
}

/** Checks options up front, so a typo fails at once rather than after the first throttle. */
export function checkRetryOptions(options: RetryOptions = {}): Required<RetryOptions> {
  const { maxAttempts = 5, baseDelayMs = 50, maxDelayMs = 5000 } = options;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new ValidationError(`retry.maxAttempts must be a positive integer, got ${String(maxAttempts)}`);
  for (const [name, value] of [["baseDelayMs", baseDelayMs], ["maxDelayMs", maxDelayMs]] as const) {
    if (!Number.isFinite(value) || value < 0) throw new ValidationError(`retry.${name} must be a non-negative number, got ${String(value)}`);
  }
  return { maxAttempts, baseDelayMs, maxDelayMs };
}

/**
 * Exponential backoff with full jitter: a random delay up to base·2^retry (capped). The
 * randomness spreads out callers that were throttled together, so they do not retry in step.
 */
export function backoffDelay(retry: number, options: Required<RetryOptions>): number {
  return Math.random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
}

const RETRYABLE = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
]);

/** Errors after which the same request may succeed: throttling and server-side failures. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = error as Error & { $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  return RETRYABLE.has(error.name) || !!meta.$retryable || (meta.$metadata?.httpStatusCode ?? 0) >= 500;
}

export interface Drained<P> {
  /** What was still not processed when the attempts ran out or a call failed for good. */
  left: readonly P[];
  /** The last error, when a call failed. */
  cause?: unknown;
}

/**
 * Sends `pending`, then whatever each response leaves unprocessed, until nothing is left,
 * the attempts run out, or a call fails with an error that retrying will not fix.
 */
export async function drain<P>(
  pending: readonly P[],
  send: (batch: readonly P[]) => Promise<readonly P[]>,
  options: Required<RetryOptions>,
): Promise<Drained<P>> {
  let left = pending;
  let cause: unknown;
  for (let attempt = 0; left.length > 0; attempt++) {
    if (attempt >= options.maxAttempts) return cause === undefined ? { left } : { left, cause };
    if (attempt > 0) await sleep(backoffDelay(attempt - 1, options));
    try {
      left = await send(left);
      cause = undefined;
    } catch (error) {
      if (!isRetryable(error)) return { left, cause: error };
      cause = error;
    }
  }
  return { left };
}
