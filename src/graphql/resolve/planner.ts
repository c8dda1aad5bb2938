import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";
import { prefetchPartition } from "../../loader/prefetch.js";
import type { PageSizeLimits } from "../args.js";
import type { AnyModel, Relation } from "../relations.js";
import { sharesPartition } from "../relations.js";

/** Items read beyond the estimate, so other item types sorting between them rarely cut the read short. */
const SLACK = 25;
/** The most one look-ahead read asks for: a bounded read, whatever the partition holds. */
const MAX_LOOKAHEAD = 1000;

/** Fields selected directly under the current field (fragments spread). */
function selectedFields(info: GraphQLResolveInfo): FieldNode[] {
  const fields: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) fields.push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet);
      else visit(info.fragments[sel.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return fields;
}

function firstArgument(field: FieldNode, info: GraphQLResolveInfo, limits: PageSizeLimits): number {
  const arg = field.arguments?.find((a) => a.name.value === "first")?.value;
  const value = arg?.kind === Kind.VARIABLE ? info.variableValues[arg.name.value] : arg?.kind === Kind.INT ? Number(arg.value) : undefined;
  return typeof value === "number" && value > 0 ? Math.min(value, limits.maxPageSize) : limits.defaultPageSize;
}

/**
 * Looks ahead into the selection of a single item: when it asks for relations that live in
 * the item's own partition, one Query page of that partition (sized to what they ask for)
 * is started, and the item and those relations are answered from it instead of a get plus
 * a query per relation. What the page does not hold is still read on its own.
 */
export function planSingleItem(info: GraphQLResolveInfo, model: AnyModel, relations: Readonly<Record<string, Relation>>, key: Record<string, unknown>, limits: PageSizeLimits): void {
  let wanted = 0;
  for (const field of selectedFields(info)) {
    const relation = relations[field.name.value];
    if (!relation || !sharesPartition(model.meta, relation)) continue;
    // A page reads one item past its size to know whether another page follows.
    wanted += relation.kind === "hasMany" ? firstArgument(field, info, limits) + 1 : 1;
  }
  if (wanted > 0) prefetchPartition(model.meta, key, { limit: Math.min(1 + wanted + SLACK, MAX_LOOKAHEAD) });
}
