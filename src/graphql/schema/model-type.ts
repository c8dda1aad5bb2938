import type { ArgBuilder, SchemaTypes } from "@pothos/core";
import { inPlace, type ModelBase } from "../../model/instance.js";
import { costExtension } from "../limits/cost.js";
import { toGlobalId } from "../global-id.js";
import type { AnyModel, Relation } from "../relations.js";
import { relationValuesReader } from "../relations.js";
import { readPage, type ListArgs } from "../resolve/page.js";
import { preloadNodeTargets, SingleRelation, type SingleRelations } from "../resolve/single-relation.js";
import { connectionType, EMPTY_CONNECTION, type NodePreload } from "./connection.js";
import type { ModelRefs, SchemaContext } from "./context.js";
import { scalarRef } from "./field-types.js";
import { filterInput, sortKeyInput } from "./inputs.js";

type FieldBuilder = PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, ModelBase>;

const plain = { stormPlain: true };

function valueOf(item: ModelBase, name: string): unknown {
  return (item as unknown as Record<string, unknown>)[name] ?? null;
}

/** Connection arguments shared by root lists and hasMany fields. */
export function listArgs(t: { arg: ArgBuilder<SchemaTypes> }, ctx: SchemaContext, model: AnyModel) {
  const { sortKey, filter } = ctx.refs.get(model.meta.name)!;
  return {
    ...(sortKey ? { sk: t.arg({ type: sortKey as never, description: "A condition on the sort key, given as leading sort-key fields." }) } : {}),
    filter: t.arg({ type: filter as never }),
    first: t.arg.int({ description: `Page size (default ${ctx.pageLimits.defaultPageSize}, at most ${ctx.pageLimits.maxPageSize}).` }),
    after: t.arg.string({ description: "The endCursor of the previous page." }),
    last: t.arg.int({ description: `Page size reading backward: the items before \`before\`, or the last ones (not with \`first\`).` }),
    before: t.arg.string({ description: "The startCursor of the next page, to read the items before it." }),
    reverse: t.arg.boolean({ description: "Descending sort-key order." }),
  };
}

function relationField(t: FieldBuilder, ctx: SchemaContext, source: AnyModel, name: string, relation: Relation) {
  const target = relation.target;
  const refs = ctx.refs.get(target.meta.name)!;
  const auth = ctx.auth.get(target.meta.name)!;
  const description = relation.description ? { description: relation.description } : {};
  if (relation.kind === "hasMany") {
    const relationValues = relationValuesReader(source.meta, name, relation);
    return t.field({
      type: refs.connection as never,
      nullable: false,
      ...description,
      args: listArgs(t, ctx, target),
      extensions: costExtension({ kind: "page", sparse: auth.dropsListItems(relation.index) }),
      resolve: (parent, args, context) => {
        const values = relationValues(parent as unknown as Readonly<Record<string, unknown>>);
        const access = auth.listAccess(context, relation.index);
        // A partition outside the caller's scope is known from its key: no request.
        if (!values || !access || (!relation.index && !auth.inScope(context, values))) return EMPTY_CONNECTION as never;
        return readPage(ctx.loaders(context), target, values, args as ListArgs, ctx.pageLimits, relation.index, access) as never;
      },
    });
  }
  const single = ctx.singleRelations.get(source.meta.name)!.get(name)!;
  return t.field({
    type: refs.object,
    nullable: true,
    ...description,
    extensions: costExtension({ kind: "get" }),
    resolve: (parent, _args, context) => single.resolve(parent, context) as never,
  });
}

/** The belongsTo/hasOne fields of `model`, each resolved and preloaded through one `SingleRelation`. */
export function singleRelationsOf(ctx: SchemaContext, model: AnyModel): SingleRelations {
  const singles = new Map<string, SingleRelation>();
  for (const [name, relation] of Object.entries(ctx.relations.get(model.meta.name) ?? {})) {
    if (relation.kind !== "hasMany") singles.set(name, new SingleRelation(model, name, relation, ctx.auth.get(relation.target.meta.name)!, ctx.loaders));
  }
  return singles;
}

/** The refs of every type derived from `model`; their fields are filled in lazily by Pothos. */
export function modelRefs(ctx: SchemaContext, model: AnyModel): ModelRefs {
  const type = ctx.names.get(model.meta.name)!.type;
  const object = ctx.builder.objectRef<unknown>(type);
  const singles = ctx.singleRelations.get(model.meta.name)!;
  const guarded = (field: string) => ctx.guards.has(`${type}.${field}`);
  const preload: NodePreload = (nodes, context, info, under) => preloadNodeTargets(singles, guarded, nodes, context, info, under);
  return { object, connection: connectionType(ctx, type, object, preload), filter: filterInput(ctx, model), sortKey: sortKeyInput(ctx, model) };
}

/** Implements the object type of `model`: its fields, Relay id and relations. */
export function defineModelType(ctx: SchemaContext, model: AnyModel, hidden: ReadonlySet<string>, renamed: Readonly<Record<string, string>>): void {
  const meta = model.meta;
  const typeName = ctx.names.get(meta.name)!.type;
  ctx.builder.objectType(ctx.refs.get(meta.name)!.object as PothosSchemaTypes.ObjectRef<SchemaTypes, ModelBase>, {
    interfaces: [ctx.node as never],
    ...(meta.options.description ? { description: meta.options.description } : {}),
    fields: (t) => {
      const fields: Record<string, unknown> = {
        id: t.id({ nullable: false, extensions: plain, resolve: (item) => toGlobalId(meta, inPlace(item)) }),
      };
      for (const name of meta.fieldNames) {
        if (hidden.has(name)) continue;
        const { type, list } = scalarRef(ctx, model, name);
        const def = meta.fields[name]!;
        const outputName = renamed[name] ?? name;
        const nullable = !!def.options.optional || ctx.guards.has(`${typeName}.${outputName}`);
        fields[outputName] = t.field({
          type: (list ? [type] : type) as never,
          nullable: (list ? { list: nullable, items: false } : nullable) as never,
          ...(def.options.description ? { description: def.options.description as string } : {}),
          extensions: plain,
          resolve: (item) => valueOf(item, name) as never,
        });
      }
      for (const [name, relation] of Object.entries(ctx.relations.get(meta.name) ?? {})) fields[name] = relationField(t, ctx, model, name, relation);
      return fields as never;
    },
  });
}
