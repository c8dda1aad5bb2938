import { InvalidDefinition } from "../../errors/index.js";
import type { AnyField } from "../../model/types.js";
import { pascalCase } from "../naming.js";
import type { AnyModel } from "../relations.js";
import type { Ref, SchemaContext } from "./context.js";

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** The GraphQL type of a field's values (a list of JSON for `field.list()`). */
export function scalarRef(ctx: SchemaContext, model: AnyModel, name: string): { type: Ref; list: boolean } {
  const def: AnyField = model.meta.fields[name]!;
  switch (def.kind) {
    case "string":
      return { type: "String", list: false };
    case "number":
      return { type: "Float", list: false };
    case "int":
      return { type: "Int", list: false };
    case "boolean":
      return { type: "Boolean", list: false };
    case "datetime":
      return { type: "DateTime", list: false };
    case "json":
      return { type: "JSON", list: false };
    case "list":
      return { type: "JSON", list: true };
    case "enum":
      return { type: enumRef(ctx, model, name), list: false };
  }
}

function enumRef(ctx: SchemaContext, model: AnyModel, name: string): Ref {
  const id = `${model.meta.name}.${name}`;
  let ref = ctx.enums.get(id);
  if (!ref) {
    const values: readonly string[] = model.meta.fields[name]!.values ?? [];
    const bad = values.filter((v) => !GRAPHQL_NAME.test(v));
    if (bad.length) throw new InvalidDefinition(`${id}: enum values ${bad.join(", ")} are not valid GraphQL names`);
    ref = ctx.builder.enumType(`${pascalCase(model.meta.name)}${pascalCase(name)}`, { values: values as [string, ...string[]] });
    ctx.enums.set(id, ref);
  }
  return ref;
}

/** Operators beyond eq/ne/in, for kinds with an order. */
const ORDERED = ["lt", "lte", "gt", "gte"] as const;

/**
 * The filter input for a field: `StringFilter`, `FloatFilter`, ... one per scalar (one per
 * enum), shared by every model; its fields are the `FieldOps` of the ORM's `Where`.
 */
export function filterRef(ctx: SchemaContext, model: AnyModel, name: string): Ref {
  const def: AnyField = model.meta.fields[name]!;
  const { type } = scalarRef(ctx, model, name);
  const filterName = def.kind === "enum" ? `${pascalCase(model.meta.name)}${pascalCase(name)}Filter` : def.kind === "json" || def.kind === "list" ? "ExistsFilter" : `${String(type)}Filter`;
  let ref = ctx.filters.get(filterName);
  if (ref) return ref;
  ref = ctx.builder.inputType(filterName, {
    fields: (t) => {
      const exists = { exists: t.boolean({}) };
      if (def.kind === "json" || def.kind === "list") return exists;
      const fields: Record<string, unknown> = { ...exists, eq: t.field({ type: type as never }), ne: t.field({ type: type as never }), in: t.field({ type: [type as never], required: { list: false, items: true } }) };
      if (def.kind === "boolean" || def.kind === "enum") return fields as never;
      for (const op of ORDERED) fields[op] = t.field({ type: type as never });
      fields.between = t.field({ type: [type as never], required: { list: false, items: true }, description: "[low, high], both inclusive" });
      if (def.kind === "string" || def.kind === "datetime") {
        fields.beginsWith = t.string({});
        fields.contains = t.string({});
      }
      return fields as never;
    },
  });
  ctx.filters.set(filterName, ref);
  return ref;
}
