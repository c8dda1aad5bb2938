import { buildGsi1pk, buildPk } from "../keys/build.js";
import type { ModelMeta } from "../model/meta.js";
import { partitionQuery } from "../ops/read/partition-query.js";
import { currentLoaders } from "./context.js";

/**
 * Starts reading the whole partition that `values` name (pk fields of `meta`, or gsi fields
 * with `index`) into the current loaders, without waiting. Gets and reads of that partition
 * issued in the same tick or later are answered from it: ONE Query in all. Does nothing
 * outside a loader scope. A failed prefetch is not an error here: the reads it would have
 * answered are then sent on their own and report it.
 *
 * @example prefetchPartition(User.meta, { user_id: "u1" }); // then get the user, page its orders
 */
export function prefetchPartition(meta: ModelMeta, values: Readonly<Record<string, unknown>>, options: { index?: boolean } = {}): void {
  const loaders = currentLoaders();
  if (!loaders) return;
  const partition = options.index ? buildGsi1pk(meta, values) : buildPk(meta, values);
  if (partition === null) return;
  const { input, shape } = partitionQuery({ partition, index: options.index ?? false });
  loaders.queryAll(input, shape).catch(() => undefined);
}
