import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";
import { buildSk } from "../../keys/build.js";
import { modelSkPrefix } from "../../keys/sort-key.js";
import { prefetchPartition } from "../../loader/prefetch.js";
import { compareSk } from "../../loader/sk-range.js";
import type { PageSizeLimits } from "../args.js";
import type { AnyModel, Relation } from "../relations.js";
import { sharesPartition } from "../relations.js";
import { argumentValue, plannedPageSize } from "../selection.js";

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

/**
 * Looks ahead into the selection of a single item: when it asks for relations that live in
 * the item's own partition, one Query page of that partition is started, and the item and
 * those relations are answered from it instead of a get plus a query per relation.
 *
 * The page is bounded (what the relations ask for, plus slack) when one reading direction
 * meets the item before the children it needs: the item sorts before the children and they
 * are read forward, or after them and they are read in reverse. Otherwise the item and the
 * children sit at opposite ends and only an unbounded page (up to DynamoDB's 1 MB) can hold
 * both. What the page does not hold is still read on its own.
 */
export function planSingleItem(info: GraphQLResolveInfo, model: AnyModel, relations: Readonly<Record<string, Relation>>, key: Record<string, unknown>, limits: PageSizeLimits): void {
  const itemSk = buildSk(model.meta, key);
  let wanted = 0;
  const directions = new Set<"forward" | "reverse" | "opposite">();
  for (const field of selectedFields(info)) {
    const relation = relations[field.name.value];
    if (!relation || !sharesPartition(model.meta, relation)) continue;
    if (relation.kind !== "hasMany") {
      wanted += 1;
      continue;
    }
    // A page reads one item past its size to know whether another page follows.
    wanted += plannedPageSize(field, info.variableValues, limits) + 1;
    const itemFirst = compareSk(itemSk, modelSkPrefix(relation.target.meta, {})) < 0;
    const reverse = argumentValue(field, "reverse", info.variableValues) === true;
    directions.add(itemFirst === !reverse ? (reverse ? "reverse" : "forward") : "opposite");
  }
  if (wanted === 0) return;
  const [direction] = directions;
  if (directions.size > 1 || direction === "opposite") prefetchPartition(model.meta, key);
  else prefetchPartition(model.meta, key, { limit: Math.min(1 + wanted + SLACK, MAX_LOOKAHEAD), reverse: direction === "reverse" });
}
