import type { NativeItem } from "../../model/item.js";
import type { AnyInstance, AnyModelClass, InstanceOf } from "../../model/model-types.js";
import type { PartitionRef } from "../read/read-shape.js";

/**
 * Every item of one partition, in sort-key order: each an instance of its own model, or the
 * raw stored item (attributes as stored, PK and SK included) when no defined model claims it.
 */
export class Collection {
  constructor(
    /** The partition read. */
    readonly partition: PartitionRef,
    /** Instances and raw items, in sort-key order. */
    readonly items: readonly (AnyInstance | NativeItem)[],
    /** The items no model claims (unknown `_type`, or an SK shape several models fit). */
    readonly raw: readonly NativeItem[],
  ) {}

  /**
   * The instances of one model, in sort-key order.
   * @example const orders = collection.of(Order); // Instance<typeof Order.fields>[]
   */
  of<M extends AnyModelClass>(model: M): InstanceOf<M>[] {
    return this.items.filter((item) => item instanceof model) as InstanceOf<M>[];
  }
}
