import {
  getNamedType, isInterfaceType, isObjectType, Kind,
  type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema, type SelectionSetNode,
} from "graphql";
import { DEFAULT_MAX_COUNT_READS } from "../../ops/read/count.js";
import { DEFAULT_MAX_READS } from "../../ops/read/queryset.js";
import { hasArgument, plannedPageSize } from "../selection.js";
import type { OperationLimits } from "./limits.js";

/** The field extensions that tell the estimate how a derived field costs requests. */
export function costExtension(cost: FieldCost): { stormCost: FieldCost } {
  return { stormCost: cost };
}

/** How one field costs DynamoDB requests; set as `extensions.stormCost` on derived fields. */
export type FieldCost =
  /** One item by key: batched, up to 100 per BatchGetItem. */
  | { kind: "get" }
  /**
   * One page of a partition per parent: one Query, or up to `DEFAULT_MAX_READS` with a
   * `filter` (a sparse filter reads on to fill the page). Children multiply by the page size.
   */
  | { kind: "page"; /** drops items it read (row rules), so always reads on like a filtered page @default false */ sparse?: boolean }
  /** A connection's `totalCount`: up to `DEFAULT_MAX_COUNT_READS` Queries per connection, whatever its page size. */
  | { kind: "count" }
  /** One write (and its returned item). */
  | { kind: "write"; /** requests per write: 2 when it reads the item first @default 1 */ requests?: number };

export interface OperationShape {
  depth: number;
  aliases: number;
  cost: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  limits: OperationLimits;
  cost: number;
}

/** The fields one level of the response holds: execution merges the fields of one response key. */
interface FieldGroup {
  nodes: FieldNode[];
  on: GraphQLNamedType;
}

/**
 * The fields of selection sets by response key, fragments spread once per level, as
 * execution collects them: repeated keys and spreads cost nothing more to run, nor to check.
 */
function collectFields(walk: Walk, sets: readonly SelectionSetNode[], type: GraphQLNamedType): Map<string, FieldGroup> {
  const groups = new Map<string, FieldGroup>();
  const spread = new Set<string>();
  const visit = (set: SelectionSetNode, on: GraphQLNamedType): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        const group = groups.get(key);
        if (group) group.nodes.push(sel);
        else groups.set(key, { nodes: [sel], on });
        continue;
      }
      if (sel.kind === Kind.FRAGMENT_SPREAD && spread.has(sel.name.value)) continue;
      const fragment = sel.kind === Kind.FRAGMENT_SPREAD ? walk.fragments[sel.name.value] : sel;
      if (sel.kind === Kind.FRAGMENT_SPREAD) spread.add(sel.name.value);
      if (!fragment) continue;
      visit(fragment.selectionSet, fragment.typeCondition ? (walk.schema.getType(fragment.typeCondition.name.value) ?? on) : on);
    }
  };
  for (const set of sets) visit(set, type);
  return groups;
}

/** Aliased fields of the operation and of the fragments it spreads (each counted once), introspection included. */
function countAliases(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>): number {
  let aliases = 0;
  const spread = new Set<string>();
  // A loop, not recursion: a deeply nested document must not overflow the stack here.
  const pending = [set];
  for (let next = pending.pop(); next; next = pending.pop()) {
    for (const sel of next.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) aliases++;
        if (sel.selectionSet) pending.push(sel.selectionSet);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) pending.push(sel.selectionSet);
      else if (!spread.has(sel.name.value)) {
        spread.add(sel.name.value);
        const fragment = fragments[sel.name.value];
        if (fragment) pending.push(fragment.selectionSet);
      }
    }
  }
  return aliases;
}

/** Requests one page may make: one that drops items (a filter, row rules) reads on, up to `DEFAULT_MAX_READS`, until it fills. */
function pageReads(cost: { sparse?: boolean }, node: FieldNode, variables: Readonly<Record<string, unknown>>): number {
  return cost.sparse || hasArgument(node, "filter", variables) ? DEFAULT_MAX_READS : 1;
}

/**
 * Depth and estimated requests of the fields at `level` (1 for root fields), read by
 * `parents` parents. The walk stops below the depth limit and once the cost is over its
 * limit: the verdict is known, and a document crafted to be huge costs no more to check.
 */
function measure(walk: Walk, sets: readonly SelectionSetNode[], type: GraphQLNamedType, level: number, parents: number, single: boolean, connections = parents): number {
  let depth = 0;
  for (const { nodes, on } of collectFields(walk, sets, type).values()) {
    if (walk.cost > walk.limits.maxCost) break;
    const node = nodes[0]!;
    if (node.name.value.startsWith("__")) continue; // introspection: no DynamoDB cost, its own depth
    const def: GraphQLField<unknown, unknown> | undefined = isObjectType(on) || isInterfaceType(on) ? on.getFields()[node.name.value] : undefined;
    const fieldCost = def?.extensions?.stormCost as FieldCost | undefined;
    let children = parents;
    let childSingle = single;
    if (fieldCost?.kind === "get") walk.cost += Math.ceil(parents / 100);
    else if (fieldCost?.kind === "write") walk.cost += parents * (fieldCost.requests ?? 1);
    // Counted once per connection: the parents of its page, not the page's items.
    else if (fieldCost?.kind === "count") walk.cost += connections * DEFAULT_MAX_COUNT_READS;
    else if (fieldCost?.kind === "page") {
      walk.cost += parents * pageReads(fieldCost, node, walk.variables);
      children = parents * plannedPageSize(node, walk.variables, walk.limits);
      childSingle = false;
    }
    const inner = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
    const costBelow = walk.cost;
    const below = inner.length && def && level <= walk.limits.maxDepth ? measure(walk, inner, getNamedType(def.type), level + 1, children, childSingle, fieldCost?.kind === "page" ? parents : children) : 0;
    // A single item (or a first page) that asks for relations may be read ahead with them in
    // one Query (the planner); what that read does not hold is then read on its own.
    if (fieldCost && fieldCost.kind !== "write" && single && walk.cost > costBelow) walk.cost += 1;
    depth = Math.max(depth, 1 + below);
  }
  return depth;
}

/** Depth, alias count and estimated DynamoDB requests of one operation. */
export function operationShape(
  schema: GraphQLSchema,
  root: GraphQLNamedType,
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  limits: OperationLimits,
): OperationShape {
  const walk: Walk = { schema, fragments, variables, limits, cost: 0 };
  const depth = measure(walk, [set], root, 1, 1, true);
  return { depth, aliases: countAliases(set, fragments), cost: walk.cost };
}
