import type { ChangeKind } from "../../stream/change.js";
import type { AnyModel } from "../relations.js";
import type { Ref, SchemaContext } from "../schema/context.js";

/** What a subscription field resolves to per event: instances the caller may read, or null. */
export interface ChangeEventValue {
  kind: ChangeKind;
  node: object | null;
  previous: object | null;
}

const plain = { stormPlain: true };
const kinds = new WeakMap<object, Ref>();

/** The shared `ChangeKind` enum, made once per builder. */
function changeKindRef(ctx: SchemaContext): Ref {
  let ref = kinds.get(ctx.builder);
  if (!ref) {
    ref = ctx.builder.enumType("ChangeKind", {
      description: "What a write did to an item.",
      values: { CREATED: { value: "CREATED" }, UPDATED: { value: "UPDATED" }, DELETED: { value: "DELETED" } },
    });
    kinds.set(ctx.builder, ref);
  }
  return ref;
}

/** `OrderChangeEvent { kind, node, previous }`: `node` and `previous` resolve like any Order, relations included. */
export function changeEventType(ctx: SchemaContext, model: AnyModel): Ref {
  const { type } = ctx.names.get(model.meta.name)!;
  const object = ctx.refs.get(model.meta.name)!.object;
  const kind = changeKindRef(ctx);
  return ctx.builder.objectRef<ChangeEventValue>(`${type}ChangeEvent`).implement({
    description: `A write to ${type}, whoever made it (read from the table's stream).`,
    fields: (t) => ({
      kind: t.field({ type: kind as never, nullable: false, extensions: plain, resolve: (e) => e.kind as never }),
      node: t.field({ type: object, nullable: true, description: "The item after the write; null when deleted.", extensions: plain, resolve: (e) => e.node }),
      previous: t.field({ type: object, nullable: true, description: "The item before the write; null when created, or when the caller may not read it.", extensions: plain, resolve: (e) => e.previous }),
    }),
  });
}
