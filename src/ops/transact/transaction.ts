import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { TransactWriteItemsCommand, type DynamoDBClient, type TransactWriteItemsCommandInput } from "@aws-sdk/client-dynamodb";
import { DynamoDBError, RequestLimitExceeded, ValidationError } from "../../errors/index.js";
import { currentLoaders, invalidateAfter, type Loaders } from "../../loader/context.js";
import { fieldValues, metaOf, type ModelBase } from "../../model/instance.js";
import type { NativeItem } from "../../model/item.js";
import type { ModelMeta } from "../../model/meta.js";
import type { AnyInstance, ModelClass } from "../../model/model-types.js";
import type { Fields, KeyOf } from "../../model/types.js";
import { table } from "../../table/table.js";
import { tableKeyId } from "../batch/batch-get.js";
import { backoffDelay, checkRetryOptions, isRetryable, type RetryOptions } from "../batch/retry.js";
import { sendCounted, withCapacity } from "../send.js";
import type { Where } from "../where.js";
import type { UpdateOf } from "../write/update.js";
import { cancellationError } from "./cancellation.js";
import { conditionCheckOp, deleteOp, putOp, updateOp, type TxOp } from "./operations.js";

/** DynamoDB's limit of operations per TransactWriteItems call. */
export const MAX_TRANSACTION = 100;

export interface CommitOptions {
  /**
   * Idempotency token: DynamoDB applies a transaction sent again with the same token (within
   * 10 minutes) only once, which makes retrying after a timeout safe.
   * @default a random UUID per commit, reused by its own retries
   */
  clientRequestToken?: string;
  /**
   * How throttled or failed calls are retried (with the same token). A cancelled transaction
   * is not retried: its reasons are reported.
   * @default { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 5000 }
   */
  retry?: RetryOptions;
}

type Condition<I extends AnyInstance> = NonNullable<Parameters<I["delete"]>[0]>;

function partsOf(instance: AnyInstance): { meta: ModelMeta; values: NativeItem } {
  const base = instance as unknown as ModelBase;
  return { meta: metaOf(base), values: fieldValues(base) };
}

/** An operation's target given as an instance, or as a model class followed by a key. */
function resolveTarget(target: AnyInstance | ModelClass, rest: unknown[]) {
  if (typeof target !== "function") return { ...partsOf(target), args: rest, byKey: false };
  return { meta: target.meta as ModelMeta, values: rest[0] as NativeItem, args: rest.slice(1), byKey: true };
}

/**
 * All-or-nothing writes: up to 100 operations on distinct items, sent as one
 * TransactWriteItems. Each operation is built (and its values checked) when added; nothing
 * is sent before `commit()`. A cancelled transaction throws `TransactionCancelled` with one
 * reason per operation.
 *
 * @example
 * await transaction()
 *   .create(order)
 *   .update(user, { order_count: F("order_count").add(1) })
 *   .conditionCheck(Product, { product_id: "p1" }, { stock: { gt: 0 } })
 *   .commit();
 */
export class Transaction {
  readonly #ops: TxOp[] = [];
  readonly #items = new Set<string>();

  #add(op: TxOp): this {
    if (this.#ops.length >= MAX_TRANSACTION) throw new ValidationError(`A transaction holds at most ${MAX_TRANSACTION} operations`);
    const id = `${table.name}\u0000${tableKeyId(op.key)}`;
    if (this.#items.has(id)) throw new ValidationError(`A transaction may touch an item once; ${op.meta.name} ${JSON.stringify(op.failure.key)} is already in it`);
    this.#items.add(id);
    this.#ops.push(op);
    return this;
  }

  /** Puts a new item; the transaction is cancelled (reason `AlreadyExists`) if one exists. */
  create(instance: AnyInstance): this {
    const { meta, values } = partsOf(instance);
    return this.#add(putOp(meta, values, { create: true }, new Date().toISOString(), (stored) => Object.assign(instance, stored)));
  }

  /** Puts an item, overwriting (version checked when the model has one). */
  save<I extends AnyInstance>(instance: I, options: Condition<I> = {}): this {
    const { meta, values } = partsOf(instance);
    return this.#add(putOp(meta, values, { create: false, condition: options.condition as Where | undefined }, new Date().toISOString(), (stored) => Object.assign(instance, stored)));
  }

  /**
   * Updates an existing item (never creates). From an instance, its version is checked; from
   * a model and key, changes to gsi fields must name all of them. The instance is not
   * refreshed: DynamoDB computes `F(...)` values and a transaction does not return them.
   */
  update<I extends AnyInstance>(instance: I, changes: Parameters<I["update"]>[0], options?: Condition<I>): this;
  update<Fs extends Fields>(model: ModelClass<Fs>, key: KeyOf<Fs>, changes: UpdateOf<Fs>, options?: { condition?: Where<Fs> }): this;
  update(target: AnyInstance | ModelClass, ...rest: unknown[]): this {
    const { meta, values, args } = resolveTarget(target, rest);
    const [changes, options] = args as [Record<string, unknown>, { condition?: Where } | undefined];
    return this.#add(updateOp(meta, values, changes, options?.condition, new Date().toISOString()));
  }

  /** Deletes an item (absent is not an error). From an instance, its version is checked. */
  delete<I extends AnyInstance>(instance: I, options?: Condition<I>): this;
  delete<Fs extends Fields>(model: ModelClass<Fs>, key: KeyOf<Fs>, options?: { condition?: Where<Fs> }): this;
  delete(target: AnyInstance | ModelClass, ...rest: unknown[]): this {
    const { meta, values, args, byKey } = resolveTarget(target, rest);
    const [options] = args as [{ condition?: Where } | undefined];
    return this.#add(deleteOp(meta, values, { condition: options?.condition, checkVersion: !byKey }));
  }

  /** Cancels the transaction unless the item with this key matches `condition` (nothing is written to it). */
  conditionCheck<Fs extends Fields>(model: ModelClass<Fs>, key: KeyOf<Fs>, condition: Where<Fs>): this {
    return this.#add(conditionCheckOp(model.meta, key, condition as Where));
  }

  /** Operations added so far. */
  get size(): number {
    return this.#ops.length;
  }

  /** The TransactWriteItems request `commit` sends, without sending it. */
  getTransactQuery(clientRequestToken: string = randomUUID()): TransactWriteItemsCommandInput {
    return { TransactItems: this.#ops.map((op) => op.item), ClientRequestToken: clientRequestToken };
  }

  /** Validates, then sends every operation at once; refreshes created and saved instances. An empty transaction sends nothing. */
  async commit(options: CommitOptions = {}): Promise<void> {
    const retry = checkRetryOptions(options.retry);
    const loaders = currentLoaders();
    if (this.#ops.length === 0) return;
    for (const op of this.#ops) await op.validate();
    const input = this.getTransactQuery(options.clientRequestToken);
    const ops = [...this.#ops];
    await invalidateAfter(loaders, ops.map((op) => op.key), send(table.client, input, ops, retry, loaders));
    for (const op of ops) op.apply?.();
  }
}

/** One TransactWriteItems, retried with the same token while DynamoDB throttles or fails. */
async function send(client: DynamoDBClient, input: TransactWriteItemsCommandInput, ops: readonly TxOp[], retry: Required<RetryOptions>, loaders: Loaders | undefined): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await sendCounted(loaders, "TransactWriteItems", () => client.send(new TransactWriteItemsCommand(withCapacity(input))));
      return;
    } catch (error) {
      // A spent budget is the operation's limit, not a DynamoDB failure to retry.
      if (error instanceof RequestLimitExceeded) throw error;
      const cancelled = cancellationError(error, ops);
      if (cancelled) throw cancelled;
      const transient = isRetryable(error) || (error instanceof Error && error.name === "TransactionInProgressException");
      if (!transient || attempt >= retry.maxAttempts) throw new DynamoDBError("TransactWriteItems", error);
      await sleep(backoffDelay(attempt - 1, retry));
    }
  }
}

/** A new, empty transaction. */
export function transaction(): Transaction {
  return new Transaction();
}
