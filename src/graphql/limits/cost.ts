import {
  getNamedType, isInterfaceType, isObjectType, Kind,
  type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema, type SelectionSetNode,
} from "graphql";
import { plannedPageSize } from "../selection.js";
import type { OperationLimits } from "./limits.js";

/** The field extensions that tell the estimate how a derived field costs requests. */
export function costExtension(cost: FieldCost): { stormCost: FieldCost } {
  return { stormCost: cost };
}

/** How one field costs DynamoDB requests; set as `extensions.stormCost` on derived fields. */
export type FieldCost =
  /** One item by key: batched, up to 100 per BatchGetItem. */
  | { kind: "get" }
  /** One page of a partition per parent; children multiply by the page size. */
  | { kind: "page"; /** read with the parent's own partition read when the parent is a single item */ planned?: boolean }
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
  aliases: number;
}

/** Fields of a selection set, with fragments spread, each with the type it is selected on. */
function* fieldsOf(walk: Walk, set: SelectionSetNode, type: GraphQLNamedType): Generator<[FieldNode, GraphQLNamedType]> {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) yield [sel, type];
    else {
      const fragment = sel.kind === Kind.FRAGMENT_SPREAD ? walk.fragments[sel.name.value] : sel;
      if (!fragment) continue;
      const on = fragment.typeCondition ? (walk.schema.getType(fragment.typeCondition.name.value) ?? type) : type;
      yield* fieldsOf(walk, fragment.selectionSet, on);
    }
  }
}

function measure(walk: Walk, set: SelectionSetNode, type: GraphQLNamedType, parents: number, single: boolean): { depth: number; cost: number } {
  let depth = 0;
  let cost = 0;
  for (const [node, on] of fieldsOf(walk, set, type)) {
    if (node.alias) walk.aliases++;
    if (node.name.value.startsWith("__")) continue; // introspection: no DynamoDB cost, its own depth
    const def: GraphQLField<unknown, unknown> | undefined = isObjectType(on) || isInterfaceType(on) ? on.getFields()[node.name.value] : undefined;
    const fieldCost = def?.extensions?.stormCost as FieldCost | undefined;
    let children = parents;
    let childSingle = single;
    if (fieldCost?.kind === "get") cost += Math.ceil(parents / 100);
    else if (fieldCost?.kind === "write") cost += parents * (fieldCost.requests ?? 1);
    else if (fieldCost?.kind === "page") {
      const size = plannedPageSize(node, walk.variables, walk.limits);
      cost += fieldCost.planned && single ? 0 : parents;
      children = parents * size;
      childSingle = false;
    }
    const inner = node.selectionSet && def ? measure(walk, node.selectionSet, getNamedType(def.type), children, childSingle) : { depth: 0, cost: 0 };
    depth = Math.max(depth, 1 + inner.depth);
    cost += inner.cost;
  }
  return { depth, cost };
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
  const walk: Walk = { schema, fragments, variables, limits, aliases: 0 };
  const { depth, cost } = measure(walk, set, root, 1, true);
  return { depth, aliases: walk.aliases, cost };
}
