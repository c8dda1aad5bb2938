import { RequestLimitExceeded, ValidationError } from "../errors/index.js";

/**
 * The DynamoDB requests one loader scope may send. Counted where requests are sent (one per
 * call, retries included), so nothing the scope runs can exceed it, whatever an estimate said.
 */
export class RequestBudget {
  #sent = 0;

  constructor(readonly max: number) {
    if (!(Number.isInteger(max) && max >= 0)) throw new ValidationError(`maxRequests must be a non-negative integer, got ${String(max)}`);
  }

  /** Requests sent so far. */
  get sent(): number {
    return this.#sent;
  }

  /** Counts one request about to be sent; throws `RequestLimitExceeded` instead when none is left. */
  spend(operation: string): void {
    if (this.#sent >= this.max) throw new RequestLimitExceeded(this.max, operation);
    this.#sent++;
  }
}
