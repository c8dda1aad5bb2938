import type { SchemaTypes } from "@pothos/core";
import type { GraphQLResolveInfo } from "graphql";
import { withoutNullFields } from "../args.js";
import { authorizedCreate, authorizedDelete, authorizedUpdate } from "../auth/writes.js";
import { costExtension } from "../limits/cost.js";
import { findWith } from "../../ops/manager.js";
import { withArticle } from "../naming.js";
import type { AnyModel } from "../relations.js";
import { planFirstPage, planSingleItem } from "../resolve/planner.js";
import { readPage, type ListArgs } from "../resolve/page.js";
import { EMPTY_CONNECTION } from "./connection.js";
import type { SchemaContext } from "./context.js";
import { scalarRef } from "./field-types.js";
import { createInput, keyInput, updateInput } from "./inputs.js";
import { listArgs } from "./model-type.js";

type RootFieldBuilder = PothosSchemaTypes.RootFieldBuilder<SchemaTypes, unknown>;
type Args = Record<string, unknown>;


/** Arguments for the named fields of `model` (key fields, gsi fields); required unless a scope rule fills them. */
export function fieldArgs(t: RootFieldBuilder, ctx: SchemaContext, model: AnyModel, names: readonly string[]) {
  const scoped = ctx.auth.get(model.meta.name)!.scoped;
  return Object.fromEntries(
    names.map((n) => {
      const fromScope = scoped && model.meta.pk.some((p) => p.name === n);
      const type = scalarRef(ctx, model, n).type as never;
      return [n, fromScope ? t.arg({ type, required: false, description: "Defaults to the caller's scope." }) : t.arg({ type, required: true })];
    }),
  );
}

function pick(args: Args, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((n) => [n, args[n]]));
}

/** `order(key)`, `orders(pk, ...)` when the model has sk fields, and `ordersBy<Gsi>(gsi, ...)`. */
export function queryFields(t: RootFieldBuilder, ctx: SchemaContext, model: AnyModel): Record<string, unknown> {
  const meta = model.meta;
  const names = ctx.names.get(meta.name)!;
  const refs = ctx.refs.get(meta.name)!;
  const relations = ctx.relations.get(meta.name) ?? {};
  const keyFields = [...meta.pk, ...meta.sk].map((p) => p.name);
  const pkFields = meta.pk.map((p) => p.name);
  const gsiFields = meta.gsi.map((p) => p.name);
  const auth = ctx.auth.get(meta.name)!;
  const fields: Record<string, unknown> = {
    [names.single]: t.field({
      type: refs.object,
      nullable: true,
      description: `One ${meta.name} by key, or null.`,
      args: fieldArgs(t, ctx, model, keyFields),
      extensions: costExtension({ kind: "get" }),
      resolve: (_: unknown, args: Args, context: unknown, info: GraphQLResolveInfo) => {
        const key = auth.keyFromArgs(context, args, keyFields);
        if (!key) return null;
        const loaders = ctx.loaders(context);
        planSingleItem(loaders, info, model, relations, key, ctx.pageLimits);
        return auth.readable(context, findWith(loaders, model, key)) as never;
      },
    }),
  };
  // Without sk fields a partition holds one item of the model: the single get covers it.
  if (meta.sk.length) {
    fields[names.plural] = t.field({
      type: refs.connection as never,
      nullable: false,
      description: `${meta.name} items of one partition, in sort-key order.`,
      args: { ...fieldArgs(t, ctx, model, pkFields), ...listArgs(t, ctx, model) },
      extensions: costExtension({ kind: "page", sparse: auth.dropsListItems(false) }),
      resolve: (_: unknown, args: Args, context: unknown, info: GraphQLResolveInfo) => {
        const partition = auth.keyFromArgs(context, args, pkFields);
        const access = auth.listAccess(context, false);
        if (!partition || !access) return EMPTY_CONNECTION as never;
        const loaders = ctx.loaders(context);
        planFirstPage(loaders, info, model, relations, partition, args, ctx.pageLimits);
        return readPage(loaders, model, partition, args as ListArgs, ctx.pageLimits, false, access) as never;
      },
    });
  }
  if (gsiFields.length) {
    fields[names.byIndex] = t.field({
      type: refs.connection as never,
      nullable: false,
      description: `${meta.name} items found through GSI1 by ${gsiFields.join(", ")}.`,
      args: { ...fieldArgs(t, ctx, model, gsiFields), ...listArgs(t, ctx, model) },
      extensions: costExtension({ kind: "page", sparse: auth.dropsListItems(true) }),
      resolve: (_: unknown, args: Args, context: unknown) => {
        const access = auth.listAccess(context, true);
        return access ? (readPage(ctx.loaders(context), model, pick(args, gsiFields), args as ListArgs, ctx.pageLimits, true, access) as never) : (EMPTY_CONNECTION as never);
      },
    });
  }
  return fields;
}

/** `createOrder(input)`, `updateOrder(key, input)`, `deleteOrder(key)`. */
export function mutationFields(t: RootFieldBuilder, ctx: SchemaContext, model: AnyModel): Record<string, unknown> {
  const meta = model.meta;
  const names = ctx.names.get(meta.name)!;
  const object = ctx.refs.get(meta.name)!.object;
  const key = keyInput(ctx, model);
  const auth = ctx.auth.get(meta.name)!;
  const write = costExtension({ kind: "write" });
  // An update by key reads the item first when it must rebuild GSI1PK from gsi fields the
  // input may leave out (Manager.update); updates and deletes read it first when a rule looks at it.
  const ruleRead = (action: "update" | "delete") => (auth.readsBeforeWrite(action) ? 1 : 0);
  const update = costExtension({ kind: "write", requests: (meta.gsi.length > 1 ? 2 : 1) + ruleRead("update") });
  const remove = costExtension({ kind: "write", requests: 1 + ruleRead("delete") });
  return {
    [names.create]: t.field({
      type: object,
      nullable: false,
      description: `Creates ${withArticle(meta.name)}; ALREADY_EXISTS when one has the same key.`,
      args: { input: t.arg({ type: createInput(ctx, model) as never, required: true }) },
      extensions: write,
      resolve: (_: unknown, args: Args, context: unknown) => authorizedCreate(auth, context, ctx.loaders(context), withoutNullFields(args.input as Args)) as never,
    }),
    [names.update]: t.field({
      type: object,
      nullable: false,
      description: `Updates ${withArticle(meta.name)}; NOT_FOUND when absent. A null removes an optional field.`,
      args: { key: t.arg({ type: key as never, required: true }), input: t.arg({ type: updateInput(ctx, model) as never, required: true }) },
      extensions: update,
      resolve: (_: unknown, args: Args, context: unknown) => authorizedUpdate(auth, context, ctx.loaders(context), args.key as Args, args.input as Args) as never,
    }),
    [names.delete]: t.field({
      type: object,
      nullable: true,
      description: `Deletes ${withArticle(meta.name)}; returns it, or null when there was none.`,
      args: { key: t.arg({ type: key as never, required: true }) },
      extensions: remove,
      resolve: (_: unknown, args: Args, context: unknown) => authorizedDelete(auth, context, ctx.loaders(context), args.key as Args) as never,
    }),
  };
}
