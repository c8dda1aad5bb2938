import { ValidationError } from "../../errors/index.js";
import { currentLoaders } from "../../loader/context.js";
import { buildGsi1pk, buildPk } from "../../keys/build.js";
import type { NativeItem } from "../../model/item.js";
import type { AnyInstance, AnyModelClass } from "../../model/model-types.js";
import { checkPartitionClashes } from "../../model/partition-clash.js";
import { partitionQuery } from "../read/partition-query.js";
import { readWholePartition } from "../read/partition-reader.js";
import type { PartitionRead } from "../read/read-shape.js";
import { Collection } from "./collection.js";
import { partitionMates, routeItem } from "./route.js";

/** Options of `Model.objects.collection`. */
export interface CollectionOptions {
  /** Read the GSI1 partition the gsi fields name, instead of the table partition of the pk fields. @default false */
  index?: boolean;
  /** Strongly consistent read (table only). @default false */
  consistent?: boolean;
  /**
   * Models the items may belong to, for items without `_type`.
   * @default every defined model with this model's suffix and partition key identifiers
   */
  models?: readonly AnyModelClass[];
}

/** The Query of a whole partition that `values` name, without sending it. */
export function buildCollectionRead(model: AnyModelClass, values: Readonly<Record<string, unknown>>, options: CollectionOptions = {}): PartitionRead {
  const { meta } = model;
  const index = options.index ?? false;
  if (index && meta.gsi.length === 0) throw new ValidationError(`${meta.name} has no gsi fields, so it cannot read a GSI1 partition`);
  if (index && options.consistent) throw new ValidationError("A global secondary index does not support consistent reads");
  const partition = index ? buildGsi1pk(meta, values)! : buildPk(meta, values);
  return partitionQuery({ partition, index, consistent: options.consistent ?? false });
}

/**
 * Reads every item of one partition with one Query (one per 1 MB page) and builds each as
 * its own model. Under loaders the read is shared: it answers the gets and reads inside it.
 */
export async function readCollection(model: AnyModelClass, values: Readonly<Record<string, unknown>>, options: CollectionOptions = {}): Promise<Collection> {
  // Models named together must be told apart by SK shape, which items without `_type` rely on.
  const loaders = currentLoaders();
  if (options.models) checkPartitionClashes(`${model.meta.name}.objects.collection`, options.models.map((m) => m.meta));
  const { input, shape } = buildCollectionRead(model, values, options);
  const { items } = await readWholePartition(loaders, input, shape);
  const candidates = options.models ?? partitionMates(model, shape.index);
  const built: (AnyInstance | NativeItem)[] = [];
  const raw: NativeItem[] = [];
  for (const item of items) {
    const owner = routeItem(item, candidates);
    if (owner) built.push(owner.fromStored(item));
    else {
      built.push(item);
      raw.push(item);
    }
  }
  return new Collection({ partition: shape.partition, index: shape.index, consistent: options.consistent ?? false }, built, raw);
}
