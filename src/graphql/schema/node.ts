import type { SchemaTypes } from "@pothos/core";
import type { ModelBase } from "../../model/instance.js";
import { findWith } from "../../ops/manager.js";
import { clientError } from "../errors.js";
import { fromGlobalId } from "../global-id.js";
import { costExtension } from "../limits/cost.js";
import type { AnyModel } from "../relations.js";
import type { Builder, Ref, SchemaContext } from "./context.js";

/**
 * The Relay `Node` interface every model type implements. `typeOf` names the object type of a
 * model instance: resolving the interface once is cheaper than an `isTypeOf` check on every
 * object of every answer.
 */
export function nodeInterface(builder: Builder, typeOf: (instance: ModelBase) => string | undefined): Ref {
  return builder.interfaceRef<ModelBase>("Node").implement({
    description: "An object with a global id, refetchable with `node(id)`.",
    resolveType: (value) => typeOf(value),
    fields: (t) => ({ id: t.exposeID("id" as never, { nullable: false }) as never }),
  });
}

/** `node(id)`: any model item by its global id. */
export function nodeField(t: PothosSchemaTypes.RootFieldBuilder<SchemaTypes, unknown>, ctx: SchemaContext): unknown {
  return t.field({
    type: ctx.node as never,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    extensions: costExtension({ kind: "get" }),
    resolve: (_: unknown, args: { id?: unknown }, context: unknown) => {
      const { model: name, key } = fromGlobalId(String(args.id));
      const model: AnyModel | undefined = ctx.models.get(name);
      const parts = model ? [...model.meta.pk, ...model.meta.sk] : [];
      if (!model || key.length !== parts.length) throw clientError("BAD_USER_INPUT", "Malformed node id");
      const values = Object.fromEntries(parts.map((p, i) => [p.name, key[i]]));
      // Another partition is refused from the id alone, before any read.
      const auth = ctx.auth.get(name)!;
      return (auth.inScope(context, values) ? auth.readable(context, findWith(ctx.loaders(context), model, values as never)) : null) as never;
    },
  });
}
