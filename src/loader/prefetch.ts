import { buildGsi1pk, buildPk } from "../keys/build.js";
import type { ModelMeta } from "../model/meta.js";
import { partitionQuery } from "../ops/read/partition-query.js";
import { currentLoaders, type Loaders } from "./context.js";

/** Options of `prefetchPartition`. */
export interface PrefetchOptions {
  /** Read the GSI1 partition the gsi fields name. @default false */
  index?: boolean;
  /** At most this many items (the Query's Limit). @default unbounded (one 1 MB page) */
  limit?: number;
  /** From the partition's end. @default false */
  reverse?: boolean;
}

/**
 * Starts reading the partition that `values` name (pk fields of `meta`, or gsi fields with
 * `index`) into the current loaders, without waiting: ONE Query page of at most `limit`
 * items from its start (its end with `reverse`). Gets and reads of that partition issued in the same tick or later
 * are answered from it when it holds their answer (the whole partition, or a page that ends
 * inside what it read), and sent on their own otherwise. Does nothing outside a loader
 * scope. A failed prefetch is not an error here: the reads it would have answered are then
 * sent on their own and report it.
 *
 * @example prefetchPartition(User.meta, { user_id: "u1" }, { limit: 50 }); // then get the user, page its orders
 */
export function prefetchPartition(meta: ModelMeta, values: Readonly<Record<string, unknown>>, options: PrefetchOptions = {}): void {
  const loaders = currentLoaders();
  if (loaders) prefetchInto(loaders, meta, values, options);
}

/** `prefetchPartition` into the loaders given (the GraphQL layer's, carried on its context). */
export function prefetchInto(loaders: Loaders, meta: ModelMeta, values: Readonly<Record<string, unknown>>, options: PrefetchOptions = {}): void {
  const partition = options.index ? buildGsi1pk(meta, values) : buildPk(meta, values);
  if (partition === null) return;
  const { input, shape } = partitionQuery({ partition, index: options.index ?? false });
  // Bounded: a partition may hold far more than the operation asked for.
  if (options.limit !== undefined) input.Limit = options.limit;
  if (options.reverse) input.ScanIndexForward = false;
  loaders.query(input, shape).catch(() => undefined);
}
