import { RequestLimitExceeded, ValidationError } from "../errors/index.js";

/** What one loader scope may spend; every limit left out is unlimited. */
export interface BudgetLimits {
  /** DynamoDB requests (reads, writes, retries). */
  maxRequests?: number;
  /** Read capacity units consumed, as DynamoDB reports them. */
  maxReadCapacity?: number;
  /** Write capacity units consumed, as DynamoDB reports them. */
  maxWriteCapacity?: number;
}

/** What one response cost, as DynamoDB reported it. */
export interface RequestUsage {
  readCapacity: number;
  writeCapacity: number;
  /** Items DynamoDB read for it (a Query's scanned items, filtered ones included). */
  itemsRead: number;
  /** Milliseconds from sending the request to its response (or failure). */
  ms: number;
  /** The request was a write that succeeded: the table changed, whatever the budget says now. */
  wrote: boolean;
}

/** What the requests of one loader scope (a GraphQL operation) really cost. */
export interface OperationCost {
  /** Requests sent, retries included. */
  requests: number;
  /** The same requests by DynamoDB command (`Query`, `GetItem`, `BatchGetItem`, ...). */
  requestsByCommand: Record<string, number>;
  /** Read capacity units consumed (`ReturnConsumedCapacity: TOTAL` on every request). */
  readCapacity: number;
  /** Write capacity units consumed (transactional writes count double, as DynamoDB bills them). */
  writeCapacity: number;
  /** Items DynamoDB read: a Query's scanned items (filtered ones included), the items gets found. */
  itemsRead: number;
  /** Milliseconds spent waiting on DynamoDB, summed over requests (concurrent ones each count). */
  dynamoMs: number;
}

/** The cost of a scope that sent nothing. */
export function noCost(): OperationCost {
  return { requests: 0, requestsByCommand: {}, readCapacity: 0, writeCapacity: 0, itemsRead: 0, dynamoMs: 0 };
}

function checkLimit(name: keyof BudgetLimits, value: number | undefined, integer: boolean): void {
  if (value === undefined) return;
  if (!(value >= 0 && (!integer || Number.isInteger(value)))) throw new ValidationError(`${name} must be a non-negative ${integer ? "integer" : "number"}, got ${String(value)}`);
}

/**
 * What one loader scope spends, counted where requests are sent (one per call, retries
 * included) and where their responses come in, so nothing the scope runs can exceed its
 * limits, whatever an estimate said. Requests are refused before they are sent; capacity is
 * known only from a response, so the read that takes it past its limit fails (a write that
 * did is answered, as it happened), and no request is sent after it: the overrun is at most
 * what the requests then in flight consume.
 */
export class RequestBudget {
  readonly #limits: BudgetLimits;
  readonly #cost = noCost();

  constructor(limits: BudgetLimits = {}) {
    checkLimit("maxRequests", limits.maxRequests, true);
    checkLimit("maxReadCapacity", limits.maxReadCapacity, false);
    checkLimit("maxWriteCapacity", limits.maxWriteCapacity, false);
    this.#limits = limits;
  }

  /** What was spent so far (a copy). */
  get cost(): OperationCost {
    return { ...this.#cost, requestsByCommand: { ...this.#cost.requestsByCommand } };
  }

  /** Counts one request about to be sent; throws `RequestLimitExceeded` instead when none is left. */
  spend(operation: string): void {
    const { maxRequests } = this.#limits;
    if (maxRequests !== undefined && this.#cost.requests >= maxRequests) throw new RequestLimitExceeded(maxRequests, operation);
    this.#checkCapacity(operation);
    this.#cost.requests++;
    this.#cost.requestsByCommand[operation] = (this.#cost.requestsByCommand[operation] ?? 0) + 1;
  }

  /**
   * Adds what one response cost; throws `RequestLimitExceeded` when a read took the capacity
   * past a limit. A write that succeeded is never reported as failed (its item is written):
   * the next request is refused instead.
   */
  record(operation: string, usage: RequestUsage): void {
    this.#cost.readCapacity += usage.readCapacity;
    this.#cost.writeCapacity += usage.writeCapacity;
    this.#cost.itemsRead += usage.itemsRead;
    this.#cost.dynamoMs += usage.ms;
    if (!usage.wrote) this.#checkCapacity(operation);
  }

  #checkCapacity(operation: string): void {
    const { maxReadCapacity, maxWriteCapacity } = this.#limits;
    if (maxReadCapacity !== undefined && this.#cost.readCapacity > maxReadCapacity) throw new RequestLimitExceeded(maxReadCapacity, operation, "readCapacity");
    if (maxWriteCapacity !== undefined && this.#cost.writeCapacity > maxWriteCapacity) throw new RequestLimitExceeded(maxWriteCapacity, operation, "writeCapacity");
  }
}
