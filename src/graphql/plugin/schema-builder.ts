import type { SchemaTypes } from "@pothos/core";
import { InvalidDefinition } from "../../errors/index.js";
import { checkPartitionClashes } from "../../model/partition-clash.js";
import { modelAuths } from "../auth/model-auth.js";
import { DEFAULT_LIMITS, requestBudget } from "../limits/limits.js";
import { modelNames } from "../naming.js";
import { loadersFor } from "../operation-loaders.js";
import { checkRelation, type AnyModel, type Relation } from "../relations.js";
import { pageInfoType } from "../schema/connection.js";
import type { Builder, SchemaContext } from "../schema/context.js";
import { defineModelType, modelRefs, singleRelationsOf } from "../schema/model-type.js";
import { nodeField, nodeInterface } from "../schema/node.js";
import { mutationFields, queryFields } from "../schema/root-fields.js";
import { DateTimeScalar, JSONScalar } from "../scalars.js";
import { subscriptionFields } from "../subscriptions/fields.js";
import { SubscriptionLimiter } from "../subscriptions/limiter.js";
import { stormStateOf } from "./state.js";
import { checkHiddenCreatable, checkKeyFieldsOpen, writeChecksOf } from "./field-rules.js";
import { readGuardOf, writeGuardOf } from "./guards.js";
import type { FieldGuard, Guard, StormModelsOptions, StormRefs, WriteGuard } from "./types.js";

function checkUnique(names: string[], problem: (name: string) => string): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new InvalidDefinition(`stormModels: ${problem(n)}`);
    seen.add(n);
  }
}

const clash = (what: string) => (name: string) => `two models give the GraphQL ${what} "${name}"; set a distinct name or plural`;

/**
 * Adds everything derived from the models to `builder`: scalars, Node, PageInfo, one object
 * type (with Connection, filter and inputs) per model, root query and mutation fields.
 */
export function stormModels<Types extends SchemaTypes, const Ms extends readonly AnyModel[]>(
  pothos: PothosSchemaTypes.SchemaBuilder<Types>,
  options: StormModelsOptions<Ms>,
): StormRefs<Types, Ms> {
  const builder = pothos as unknown as Builder;
  // Checked before the maps by name below, which would keep only the last of two.
  checkUnique(options.models.map((m) => m.meta.name), (name) => `models holds two models named "${name}"; give each model once, under its own name`);
  checkPartitionClashes("stormModels", options.models.map((m) => m.meta));
  const models = new Map(options.models.map((m) => [m.meta.name, m] as const));
  const names = new Map(options.models.map((m) => [m.meta.name, modelNames(m.meta)] as const));
  checkUnique([...names.values()].map((n) => n.type), clash("type"));
  checkUnique(options.models.flatMap((m) => {
    const n = names.get(m.meta.name)!;
    return [n.single, ...(m.meta.sk.length ? [n.plural] : []), ...(m.meta.gsi.length ? [n.byIndex] : [])];
  }), clash("field"));
  const relations = new Map<string, Readonly<Record<string, Relation>>>();
  for (const [modelName, rels] of Object.entries(options.relations ?? {}) as [string, Record<string, Relation>][]) {
    const source = models.get(modelName);
    if (!source) throw new InvalidDefinition(`stormModels: relations name unknown model "${modelName}"`);
    for (const [field, relation] of Object.entries(rels)) {
      if (!models.has(relation.target.meta.name)) throw new InvalidDefinition(`relation ${modelName}.${field}: add ${relation.target.meta.name} to models`);
      checkRelation(source.meta, field, relation);
    }
    relations.set(modelName, rels);
  }

  const state = stormStateOf(builder);
  state.limits = { ...DEFAULT_LIMITS, ...options.limits };
  state.batching = options.batching ?? true;
  const guardOptions = new Map<string, Guard | FieldGuard>();
  for (const [type, fields] of Object.entries(options.guard ?? {})) {
    // Guards are keyed by model name or root type name; the resolver wrapper sees type names.
    const typeName = names.get(type)?.type ?? type;
    for (const [field, option] of Object.entries(fields)) {
      guardOptions.set(`${typeName}.${field}`, option);
      const read = readGuardOf(option);
      if (read) state.guards.set(`${typeName}.${field}`, read);
    }
  }

  const renamed = (model: AnyModel) => (options.rename?.[model.meta.name as never] ?? {}) as Record<string, string>;
  const hiddenFields = (model: AnyModel) => new Set<string>(options.hide?.[model.meta.name as never] ?? []);
  /** The guard option of a model field, declared under its (possibly renamed) output name. */
  const guardOf = (model: AnyModel, field: string) => guardOptions.get(`${names.get(model.meta.name)!.type}.${renamed(model)[field] ?? field}`);
  /** Hidden fields, and fields with a read guard. */
  const restrictedFields = (model: AnyModel): Set<string> => {
    const restricted = hiddenFields(model);
    for (const field of model.meta.fieldNames) {
      const option = guardOf(model, field);
      if (option && readGuardOf(option)) restricted.add(field);
    }
    return restricted;
  };
  for (const model of options.models) {
    const hidden = hiddenFields(model);
    checkKeyFieldsOpen(model, (field) => hidden.has(field) || guardOf(model, field) !== undefined);
    if (options.mutations === false) continue;
    checkHiddenCreatable(model, hidden);
    const writeGuards = new Map<string, WriteGuard>();
    for (const field of model.meta.fieldNames) {
      const option = guardOf(model, field);
      const write = option && writeGuardOf(option);
      if (write) writeGuards.set(field, write);
    }
    for (const [coordinate, check] of writeChecksOf(names.get(model.meta.name)!, writeGuards)) state.writeChecks.set(coordinate, check);
  }

  builder.addScalarType("JSON" as never, JSONScalar);
  builder.addScalarType("DateTime" as never, DateTimeScalar);
  const pageLimits = { defaultPageSize: state.limits.defaultPageSize, maxPageSize: state.limits.maxPageSize };
  const budget = requestBudget(state.limits);
  const ctx: SchemaContext = {
    builder,
    pageLimits,
    loaders: state.batching ? (context) => loadersFor(context, budget) : () => undefined,
    auth: modelAuths(options.models, options.rules),
    guards: state.guards,
    hidden: new Map(options.models.map((m) => [m.meta.name, hiddenFields(m)] as const)),
    restricted: new Map(options.models.map((m) => [m.meta.name, restrictedFields(m)] as const)),
    models,
    names,
    relations,
    singleRelations: new Map(),
    refs: new Map(),
    enums: new Map(),
    filters: new Map(),
    node: nodeInterface(builder, (instance) => names.get((instance.constructor as { modelName?: string }).modelName ?? "")?.type),
    pageInfo: pageInfoType({ builder }),
  };
  for (const model of options.models) ctx.singleRelations.set(model.meta.name, singleRelationsOf(ctx, model));
  for (const model of options.models) ctx.refs.set(model.meta.name, modelRefs(ctx, model));
  for (const model of options.models) defineModelType(ctx, model, hiddenFields(model), renamed(model));

  builder.queryType({});
  builder.queryFields((t) => Object.assign({ node: nodeField(t, ctx) }, ...options.models.map((m) => queryFields(t, ctx, m))) as never);
  if (options.mutations !== false) {
    builder.mutationType({});
    builder.mutationFields((t) => Object.assign({}, ...options.models.map((m) => mutationFields(t, ctx, m))) as never);
  }
  if (options.subscriptions) {
    const feed = { pubsub: options.subscriptions.pubsub, limiter: new SubscriptionLimiter(options.subscriptions) };
    builder.subscriptionType({});
    builder.subscriptionFields((t) => Object.assign({}, ...options.models.map((m) => subscriptionFields(t, ctx, feed, m))) as never);
  }
  return Object.fromEntries(options.models.map((m) => [m.meta.name, ctx.refs.get(m.meta.name)!.object])) as unknown as StormRefs<Types, Ms>;
}
