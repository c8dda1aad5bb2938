import { TYPE_ATTRIBUTE, type NativeItem } from "../../model/item.js";
import type { AnyModelClass } from "../../model/model-types.js";
import { sharePartitions } from "../../model/partition-clash.js";
import { registeredModel, registeredModels } from "../../model/registry.js";
import { skShapeMatches } from "../../model/routing.js";

/**
 * The defined models whose items can share `model`'s partition: equal suffix and equal
 * identifiers of the partition key fields (pk, or gsi on GSI1). Key strings are built from
 * exactly these, so no other model can write an equal PK (or GSI1PK).
 */
export function partitionMates(model: AnyModelClass, index: boolean): AnyModelClass[] {
  const mates = registeredModels().filter((m) => m !== model && sharePartitions(m.meta, model.meta, index));
  return [model, ...mates];
}

/**
 * The model a stored item belongs to: the one its `_type` names; for items without `_type`
 * (written by the Python library), the only candidate whose SK shape fits. Undefined when
 * that is unknown or ambiguous: the item is then returned raw rather than mis-typed.
 */
export function routeItem(item: Readonly<NativeItem>, candidates: readonly AnyModelClass[]): AnyModelClass | undefined {
  const type = item[TYPE_ATTRIBUTE];
  if (typeof type === "string") return candidates.find((m) => m.meta.name === type) ?? registeredModel(type);
  const fits = candidates.filter((m) => skShapeMatches(m.meta, item.SK));
  return fits.length === 1 ? fits[0] : undefined;
}
