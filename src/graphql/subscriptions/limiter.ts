import { InvalidDefinition } from "../../errors/index.js";
import { clientError } from "../errors.js";
import type { SubscriptionOptions } from "./options.js";

function checkCount(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new InvalidDefinition(`subscriptions.${name} must be a positive integer, got ${String(value)}`);
  return value;
}

/** Counts open subscriptions, per process and per caller, and refuses one over a limit. */
export class SubscriptionLimiter {
  readonly #maxActive: number;
  readonly #maxPerCaller: number;
  readonly #callerKey: (context: unknown) => string | undefined;
  readonly #perCaller = new Map<string, number>();
  #active = 0;

  constructor(options: SubscriptionOptions) {
    this.#maxActive = checkCount("maxActive", options.maxActive ?? 1000);
    this.#maxPerCaller = checkCount("maxPerCaller", options.maxPerCaller ?? 10);
    this.#callerKey = (options.callerKey ?? (() => undefined)) as (context: unknown) => string | undefined;
  }

  /** Opens one subscription for the caller; returns what closes it (safe to call twice). */
  open(context: unknown): () => void {
    if (this.#active >= this.#maxActive) throw limitError("subscriptions", this.#maxActive);
    const caller = this.#callerKey(context);
    const held = caller === undefined ? 0 : (this.#perCaller.get(caller) ?? 0);
    if (caller !== undefined && held >= this.#maxPerCaller) throw limitError("subscriptionsPerCaller", this.#maxPerCaller);
    this.#active++;
    if (caller !== undefined) this.#perCaller.set(caller, held + 1);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      this.#active--;
      if (caller === undefined) return;
      const left = this.#perCaller.get(caller)! - 1;
      if (left) this.#perCaller.set(caller, left);
      else this.#perCaller.delete(caller);
    };
  }
}

function limitError(limit: string, max: number) {
  return clientError("LIMIT_EXCEEDED", `Too many open subscriptions (at most ${max})`, { limit, max });
}
