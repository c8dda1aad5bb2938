import type { FieldNode, GraphQLResolveInfo } from "graphql";
import { buildSk } from "../../keys/build.js";
import { modelSkPrefix } from "../../keys/sort-key.js";
import type { Loaders } from "../../loader/context.js";
import { prefetchInto } from "../../loader/prefetch.js";
import { compareUtf8 } from "../../keys/utf8-order.js";
import type { PageSizeLimits } from "../args.js";
import type { AnyModel, Relation } from "../relations.js";
import { sharesPartition } from "../relations.js";
import { argumentValue, fieldsUnder, plannedPageSize, selectedFields, variablesOf } from "../selection.js";

/**
 * The most one look-ahead read asks for: a bounded read, whatever the partition holds. It
 * asks for what the plan needs and no more: when other item types sort in between and cut
 * it short, what it did not hold is read after it (one more request), not over-read always.
 */
const MAX_LOOKAHEAD = 1000;

/** Fields selected on each node of the current connection: under `nodes` and `edges { node }`. */
function nodeFields(info: GraphQLResolveInfo): FieldNode[] {
  const top = selectedFields(info);
  return [...fieldsUnder(info, top, "nodes"), ...fieldsUnder(info, fieldsUnder(info, top, "edges"), "node")];
}

/**
 * Looks ahead into the selection of a single item: when it asks for relations that live in
 * the item's own partition, one Query page of that partition is started, and the item and
 * those relations are answered from it instead of a get plus a query per relation.
 *
 * The page is bounded (what the relations ask for) when one reading direction
 * meets the item before the children it needs: the item sorts before the children and they
 * are read forward, or after them and they are read in reverse. Otherwise the item and the
 * children sit at opposite ends and only an unbounded page (up to DynamoDB's 1 MB) can hold
 * both. What the page does not hold is still read on its own.
 */
export function planSingleItem(loaders: Loaders | undefined, info: GraphQLResolveInfo, model: AnyModel, relations: Readonly<Record<string, Relation>>, key: Record<string, unknown>, limits: PageSizeLimits): void {
  if (!loaders) return;
  let itemSk: string | undefined;
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
    wanted += plannedPageSize(field, variablesOf(info), limits) + 1;
    itemSk ??= buildSk(model.meta, key);
    const itemFirst = compareUtf8(itemSk, modelSkPrefix(relation.target.meta, {})) < 0;
    // A backward page (`last`, `before`) reads the other way.
    const variables = variablesOf(info);
    const backward = argumentValue(field, "last", variables) != null || argumentValue(field, "before", variables) != null;
    const reverse = (argumentValue(field, "reverse", variables) === true) !== backward;
    directions.add(itemFirst === !reverse ? (reverse ? "reverse" : "forward") : "opposite");
  }
  if (wanted === 0) return;
  const [direction] = directions;
  if (directions.size > 1 || direction === "opposite") prefetchInto(loaders, model.meta, key);
  else prefetchInto(loaders, model.meta, key, { limit: Math.min(1 + wanted, MAX_LOOKAHEAD), reverse: direction === "reverse" });
}

/**
 * Looks ahead into the first page of a connection: when each node asks for an item of the
 * same partition that sorts before the nodes (a customer beside its orders), one bounded
 * Query page from the partition's start holds that item and the page, so the page and every
 * node's relation are answered from it instead of a Query plus a BatchGetItem. Only for a
 * first page read forward with no filter or sort-key condition: the page must start where
 * the partition does.
 */
export function planFirstPage(loaders: Loaders | undefined, info: GraphQLResolveInfo, model: AnyModel, relations: Readonly<Record<string, Relation>>, partition: Record<string, unknown>, args: Readonly<Record<string, unknown>>, limits: PageSizeLimits): void {
  if (!loaders) return;
  if (args.after != null || args.before != null || args.last != null || args.filter != null || args.sk != null || args.reverse === true) return;
  const childPrefix = modelSkPrefix(model.meta, {});
  const before = nodeFields(info).some((field) => {
    const relation = relations[field.name.value];
    if (!relation || relation.kind === "hasMany" || !sharesPartition(model.meta, relation)) return false;
    // Its SK is known ahead only without sk fields: the model name.
    const target = relation.target.meta;
    return target.sk.length === 0 && compareUtf8(target.name, childPrefix) < 0;
  });
  if (!before) return;
  const size = plannedPageSize(info.fieldNodes[0]!, variablesOf(info), limits) + 1;
  prefetchInto(loaders, model.meta, partition, { limit: Math.min(1 + size, MAX_LOOKAHEAD) });
}
