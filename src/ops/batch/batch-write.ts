import { BatchWriteItemCommand, type BatchWriteItemCommandInput, type WriteRequest } from "@aws-sdk/client-dynamodb";
import { RequestLimitExceeded, UnprocessedError, ValidationError } from "../../errors/index.js";
import { currentLoaders, invalidateAfter } from "../../loader/context.js";
import { fieldValues, metaOf, type ModelBase } from "../../model/instance.js";
import type { AnyInstance } from "../../model/model-types.js";
import { runValidators } from "../../model/values.js";
import { table } from "../../table/table.js";
import { sendCounted, withCapacity } from "../send.js";
import { tableKeyId, type TableKey } from "./batch-get.js";
import { checkRetryOptions, drain, type RetryOptions } from "./retry.js";
import { deleteSpec, describeSpec, putSpec, type WriteSpec } from "./write-spec.js";

/** DynamoDB's limit of requests per BatchWriteItem call. */
export const MAX_BATCH_WRITE = 25;

/** One write of `batchWrite`: put (overwrite) an instance, or delete the item an instance names. */
export type BatchWriteOp = { put: AnyInstance } | { delete: AnyInstance };

export interface BatchWriteOptions {
  /**
   * How each BatchWriteItem call retries `UnprocessedItems` and throttling.
   * @default { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 5000 }
   */
  retry?: RetryOptions;
}

function specsOf(ops: readonly BatchWriteOp[]): WriteSpec[] {
  const now = new Date().toISOString();
  return ops.map((op) => ("put" in op ? putSpec(op.put, now) : deleteSpec(metaOf(op.delete as unknown as ModelBase), fieldValues(op.delete as unknown as ModelBase))));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** DynamoDB refuses a batch that writes one item twice; refusing the whole call up front says which. */
function refuseDuplicates(specs: readonly WriteSpec[]): void {
  const seen = new Set<string>();
  for (const spec of specs) {
    const id = tableKeyId(spec.key);
    if (seen.has(id)) throw new ValidationError(`batchWrite: ${spec.meta.name} ${JSON.stringify(spec.fields)} is written twice; one batch may write an item only once`);
    seen.add(id);
  }
}

function batchWriteInput(tableName: string, specs: readonly WriteSpec[]): BatchWriteItemCommandInput {
  return { RequestItems: { [tableName]: specs.map((s) => s.request) } };
}

/** The BatchWriteItem requests (25 writes each) `ops` send, without sending them. */
export function buildBatchWrites(ops: readonly BatchWriteOp[]): BatchWriteItemCommandInput[] {
  const specs = specsOf(ops);
  refuseDuplicates(specs);
  const tableName = table.name;
  return chunks(specs, MAX_BATCH_WRITE).map((chunk) => batchWriteInput(tableName, chunk));
}

function keyOfRequest(request: WriteRequest): TableKey {
  const key = request.PutRequest?.Item ?? request.DeleteRequest?.Key ?? {};
  return { PK: key.PK?.S ?? "", SK: key.SK?.S ?? "" };
}

/**
 * Writes checked specs in calls of 25, one after another, retrying what each leaves
 * unprocessed. When a call cannot finish, the `UnprocessedError` names every item not
 * written (that call's leftovers and all later ones); the earlier calls stay written.
 */
export async function writeSpecs(specs: readonly WriteSpec[], options: BatchWriteOptions = {}): Promise<void> {
  const retry = checkRetryOptions(options.retry);
  const loaders = currentLoaders();
  refuseDuplicates(specs);
  for (const spec of specs) if (spec.stored) await runValidators(spec.meta, spec.stored);
  const { client, name: tableName } = table;
  const all = chunks(specs, MAX_BATCH_WRITE);
  for (const [n, chunk] of all.entries()) {
    const sending = drain(
      chunk,
      async (batch) => {
        const out = await sendCounted(loaders, "BatchWriteItem", () => client.send(new BatchWriteItemCommand(withCapacity(batchWriteInput(tableName, batch)))));
        const left = new Set((out.UnprocessedItems?.[tableName] ?? []).map((r) => tableKeyId(keyOfRequest(r))));
        return batch.filter((s) => left.has(tableKeyId(s.key)));
      },
      retry,
    );
    const { left, cause } = await invalidateAfter(loaders, chunk.map((s) => s.key), sending);
    if (cause instanceof RequestLimitExceeded) throw cause;
    for (const spec of chunk) if (spec.instance && !left.includes(spec)) Object.assign(spec.instance, spec.stored);
    if (left.length) {
      const unwritten = [...left, ...all.slice(n + 1).flat()].map(describeSpec);
      throw new UnprocessedError(`BatchWriteItem left ${unwritten.length} item(s) unwritten: ${unwritten.map((e) => `${e.op} ${e.model} ${JSON.stringify(e.key)}`).join(", ")}`, unwritten, { cause });
    }
  }
}

/**
 * Puts and deletes many items: BatchWriteItem calls of 25, `UnprocessedItems` retried with
 * backoff; nothing is dropped silently (an `UnprocessedError` names what was not written).
 * Not atomic, and without conditions or version checks: use `transaction()` for those.
 * Puts are validated before anything is sent, and their instances refreshed (timestamps,
 * version) once written. One item may appear only once.
 *
 * @example await batchWrite([{ put: order }, { put: user }, { delete: oldOrder }]);
 */
export async function batchWrite(ops: readonly BatchWriteOp[], options: BatchWriteOptions = {}): Promise<void> {
  await writeSpecs(specsOf(ops), options);
}
