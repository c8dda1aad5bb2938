import type { DatetimeOptions, NumberOptions } from "../../model/fields.js";
import type { AnyModel } from "../relations.js";
import type { Ref, SchemaContext } from "./context.js";
import { filterRef, scalarRef } from "./field-types.js";

type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<never, "InputObject">;

function inputField(t: InputFieldBuilder, ctx: SchemaContext, model: AnyModel, name: string, required: boolean) {
  const { type, list } = scalarRef(ctx, model, name);
  const description = model.meta.fields[name]!.options.description as string | undefined;
  return list
    ? t.field({ type: [type as never], required: required ? { list: true, items: true } : false, ...(description ? { description } : {}) })
    : t.field({ type: type as never, required, ...(description ? { description } : {}) });
}

const keyNames = (model: AnyModel) => [...model.meta.pk, ...model.meta.sk].map((p) => p.name);

/** Fields the server fills in itself: automatic timestamps and the version. */
function serverManaged(model: AnyModel, name: string): boolean {
  const o = model.meta.fields[name]!.options as DatetimeOptions & NumberOptions;
  return !!(o.autoNow || o.autoNowAdd || o.version);
}

/** Whether a create must be given the field: neither optional, defaulted nor server-managed. */
export function requiredOnCreate(model: AnyModel, name: string): boolean {
  const o = model.meta.fields[name]!.options;
  return !o.optional && o.default === undefined && !serverManaged(model, name);
}

/** Fields a client may write: hidden ones are written by server code only. */
const writable = (ctx: SchemaContext, model: AnyModel) => {
  const hidden = ctx.hidden.get(model.meta.name);
  return model.meta.fieldNames.filter((n) => !serverManaged(model, n) && !hidden?.has(n));
};

/** `OrderKeyInput`: every pk and sk field, required. */
export function keyInput(ctx: SchemaContext, model: AnyModel): Ref {
  return ctx.builder.inputType(`${ctx.names.get(model.meta.name)!.type}KeyInput`, {
    fields: (t) => Object.fromEntries(keyNames(model).map((n) => [n, inputField(t as never, ctx, model, n, true)])) as never,
  });
}

/** `CreateOrderInput`: every writable field, required unless optional or defaulted. */
export function createInput(ctx: SchemaContext, model: AnyModel): Ref {
  return ctx.builder.inputType(`Create${ctx.names.get(model.meta.name)!.type}Input`, {
    fields: (t) => Object.fromEntries(writable(ctx, model).map((n) => [n, inputField(t as never, ctx, model, n, requiredOnCreate(model, n))])) as never,
  });
}

/** `UpdateOrderInput`: every writable non-key field, optional; an explicit null removes an optional field. */
export function updateInput(ctx: SchemaContext, model: AnyModel): Ref {
  const keys = new Set(keyNames(model));
  const fields = writable(ctx, model).filter((n) => !keys.has(n));
  return ctx.builder.inputType(`Update${ctx.names.get(model.meta.name)!.type}Input`, {
    fields: (t) => Object.fromEntries(fields.map((n) => [n, inputField(t as never, ctx, model, n, false)])) as never,
  });
}

/** `OrderFilter`: a filter per field plus `and`, `or`, `not` — the ORM's `Where`, as input. */
export function filterInput(ctx: SchemaContext, model: AnyModel): Ref {
  const name = `${ctx.names.get(model.meta.name)!.type}Filter`;
  const ref: Ref = ctx.builder.inputRef<Record<string, unknown>>(name).implement({
    fields: (t) => ({
      ...Object.fromEntries(
        model.meta.fieldNames.filter((n) => !ctx.restricted.get(model.meta.name)?.has(n)).map((n) => [n, t.field({ type: filterRef(ctx, model, n) as never })]),
      ),
      and: t.field({ type: [ref as never], required: { list: false, items: true } }),
      or: t.field({ type: [ref as never], required: { list: false, items: true } }),
      not: t.field({ type: ref as never }),
    }) as never,
  });
  return ref;
}

/** `OrderSortKeyCondition` over `OrderSortKeyInput` (a prefix of the sk fields), or null without sk fields. */
export function sortKeyInput(ctx: SchemaContext, model: AnyModel): Ref | null {
  if (model.meta.sk.length === 0) return null;
  const type = ctx.names.get(model.meta.name)!.type;
  const values = ctx.builder.inputType(`${type}SortKeyInput`, {
    description: "Leading sort-key fields, in order: later ones narrow the earlier ones.",
    fields: (t) => Object.fromEntries(model.meta.sk.map((p) => [p.name, inputField(t as never, ctx, model, p.name, false)])) as never,
  });
  return ctx.builder.inputType(`${type}SortKeyCondition`, {
    description: "Exactly one operator.",
    fields: (t) => ({
      eq: t.field({ type: values }),
      beginsWith: t.field({ type: values }),
      gt: t.field({ type: values }),
      gte: t.field({ type: values }),
      lt: t.field({ type: values }),
      lte: t.field({ type: values }),
      between: t.field({ type: [values], required: { list: false, items: true }, description: "[low, high], both inclusive" }),
    }),
  });
}
