import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";
import type { ModelMeta } from "../../model/meta.js";
import { prefetchPartition } from "../../loader/prefetch.js";
import type { AnyModel, Relation } from "../relations.js";
import { sharesPartition } from "../relations.js";

/** Field names selected directly under the current field (fragments spread). */
function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) names.add(sel.name.value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet);
      else visit(info.fragments[sel.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return names;
}

/** Whether a relation's target is read from the source item's own partition. */
function readsOwnPartition(source: ModelMeta, relation: Relation): boolean {
  if (relation.kind === "hasMany") return sharesPartition(source, relation);
  const target = relation.target.meta;
  return sharesPartition(source, { kind: "hasMany", target: relation.target, index: false, fields: relation.fields }) && target.pk.length > 0;
}

/**
 * Looks ahead into the selection of a single item: when it asks for relations that live in
 * the item's own partition, the whole partition is read by ONE Query and the item and its
 * relations are all served from it, instead of a get plus a query per relation.
 */
export function planSingleItem(info: GraphQLResolveInfo, model: AnyModel, relations: Readonly<Record<string, Relation>>, key: Record<string, unknown>): void {
  const selected = selectedFields(info);
  const local = Object.entries(relations).some(([name, relation]) => selected.has(name) && readsOwnPartition(model.meta, relation));
  if (local) prefetchPartition(model.meta, key);
}
