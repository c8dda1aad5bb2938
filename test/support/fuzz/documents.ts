import fc from "fast-check";
import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { malformedRequest } from "./malformed.js";
import { Chooser, hostileJson, hostileValue, NASTY_NUMBERS, NASTY_STRINGS, RawNumber } from "./values.js";

/** One request: a document and its variables, or a raw body for requests that are not even JSON. */
export interface FuzzRequest {
  query?: unknown;
  variables?: unknown;
  rawBody?: string;
}

/** Values worth sending: keys of seeded items, and real and forged ids and cursors. */
export interface Pools {
  /** Seeded values by field or argument name (`member_id`), `*` for any other string. */
  strings: Readonly<Record<string, readonly string[]>>;
  ids: readonly string[];
  cursors: readonly string[];
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const WRONG_VARIABLE_TYPES = ["String", "Int", "[String]", "JSON", "Boolean!", "ID"];
const BOGUS_FIELDS = ["password_hash", "secret", "PK", "nope"];
const DATES = ["2024-05-01T12:00:00Z", "2024-05-01", "2099-12-31T23:59:59.999Z", "not a date", "", "9999999-01-01", "2024-13-45T99:99:99Z"];
const INTS = [1, 2, 3, 5, 20, 0, -1, 100, 101, 1000, new RawNumber("-0")];
const NOT_INTS = [1.5, new RawNumber("2147483648"), new RawNumber("1e200"), "3"];
const FLOATS = [0, 1, 2.5, -3, 99.99, ...NASTY_NUMBERS];

/** The state of one document being written. */
class DocumentWriter {
  readonly declarations: string[] = [];
  readonly variables: Record<string, unknown> = {};
  readonly fragments: string[] = [];
  private names = 0;

  constructor(
    readonly ch: Chooser,
    readonly schema: GraphQLSchema,
    readonly pools: Pools,
    readonly maxDepth: number,
    /** Whether this document may also break GraphQL's own rules; otherwise only values are hostile. */
    readonly sloppy: boolean,
  ) {}

  /** A client mistake GraphQL validation catches (wrong types, unknown names), only in sloppy documents. */
  mistake(percent: number): boolean {
    return this.sloppy && this.ch.chance(percent);
  }

  fresh(prefix: string): string {
    return `${prefix}${this.names++}`;
  }
}

/** A value for an input type: mostly well-typed (seeded keys, real tokens), sometimes anything. */
function inputValue(w: DocumentWriter, type: GraphQLInputType, argName: string, depth: number): unknown {
  const { ch } = w;
  if (w.mistake(8)) return hostileValue(ch);
  if (isNonNullType(type)) return w.mistake(3) ? null : inputValue(w, type.ofType, argName, depth);
  if (isListType(type)) {
    if (w.mistake(8)) return inputValue(w, type.ofType, argName, depth);
    // `between` takes exactly two bounds, in order: send one, three, none, or two in any order.
    const length = argName === "between" ? ch.pick([2, 1, 3, 0]) : ch.chance(3) ? ch.int(50, 400) : ch.int(0, 3);
    return Array.from({ length }, () => inputValue(w, type.ofType, argName, depth + 1));
  }
  if (isEnumType(type)) return w.mistake(5) ? "NOPE" : ch.pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const value: Record<string, unknown> = {};
    for (const field of fields) {
      const nestsInput = isInputObjectType(getNamedType(field.type));
      if (nestsInput && depth > 3) continue;
      if (isNonNullType(field.type) ? !w.mistake(4) : ch.chance(25)) value[field.name] = inputValue(w, field.type, field.name, depth + 1);
    }
    if (w.mistake(2)) value[ch.pick(BOGUS_FIELDS)] = "x";
    return value;
  }
  return scalarValue(w, type.name, argName);
}

function scalarValue(w: DocumentWriter, scalar: string, argName: string): unknown {
  const { ch, pools } = w;
  switch (scalar) {
    case "Int":
      return w.mistake(20) ? ch.pick(NOT_INTS) : ch.pick(INTS);
    case "Float":
      return ch.pick(FLOATS);
    case "Boolean":
      return ch.chance(50);
    case "DateTime":
      return ch.pick(DATES);
    case "JSON":
      return ch.chance(50) ? ch.pick([{ street: "1 Road", city: "Paris" }, ["a", "b"], "tag", 3]) : hostileJson(ch);
    case "ID":
      return ch.pick(pools.ids);
    default:
      if (argName === "after" || argName === "before") return ch.pick(pools.cursors);
      return ch.chance(65) ? ch.pick(pools.strings[argName] ?? pools.strings["*"]!) : ch.chance(80) ? ch.pick(NASTY_STRINGS) : ch.text();
  }
}

/** Whether a value can only travel as a variable (object keys that are not GraphQL names). */
function needsVariable(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(needsVariable);
  if (value === null || typeof value !== "object" || value instanceof RawNumber) return false;
  return Object.entries(value).some(([k, v]) => !NAME.test(k) || needsVariable(v));
}

/** A value written as a GraphQL literal, enum values bare where the type asks for one. */
function literal(value: unknown, type: GraphQLInputType | undefined): string {
  if (value instanceof RawNumber) return value.text;
  const named = type && getNamedType(type);
  if (typeof value === "string") return named && isEnumType(named) && NAME.test(value) ? value : JSON.stringify(value);
  if (value === null || value === undefined) return "null";
  if (typeof value !== "object") return String(value);
  const inner = type && (isNonNullType(type) ? type.ofType : type);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, inner && isListType(inner) ? inner.ofType : undefined)).join(", ")}]`;
  const fields = inner && isInputObjectType(inner) ? inner.getFields() : {};
  return `{${Object.entries(value).map(([k, v]) => `${k}: ${literal(v, fields[k]?.type)}`).join(", ")}}`;
}

function argumentList(w: DocumentWriter, args: readonly GraphQLArgument[]): string {
  const { ch } = w;
  const written: string[] = [];
  for (const arg of args) {
    if (isNonNullType(arg.type) ? w.mistake(4) : !ch.chance(40)) continue;
    const value = inputValue(w, arg.type, arg.name, 0);
    if (needsVariable(value) || ch.chance(40)) {
      const name = w.fresh("v");
      if (!w.mistake(2)) w.declarations.push(`$${name}: ${w.mistake(4) ? ch.pick(WRONG_VARIABLE_TYPES) : String(arg.type)}`);
      if (!w.mistake(2)) w.variables[name] = value;
      written.push(`${arg.name}: $${name}`);
    } else {
      written.push(`${arg.name}: ${literal(value, arg.type)}`);
    }
  }
  if (w.mistake(2)) written.push(`${ch.pick(BOGUS_FIELDS)}: 1`);
  return written.length ? `(${written.join(", ")})` : "";
}

/** One selected field of `type`: aliased sometimes, with arguments and a nested selection. */
function fieldSelection(w: DocumentWriter, type: GraphQLCompositeType, depth: number): string {
  const { ch } = w;
  if (!isObjectType(type) && !isInterfaceType(type)) return "__typename";
  if (isInterfaceType(type) && ch.chance(60)) {
    const possible = ch.pick(w.schema.getPossibleTypes(type));
    return `... on ${possible.name} ${selectionSet(w, possible, depth)}`;
  }
  if (w.mistake(3)) return ch.pick(BOGUS_FIELDS);
  const fields = Object.values(type.getFields());
  const field = ch.chance(8) ? undefined : ch.pick(fields);
  if (!field) return "__typename";
  // Outside sloppy documents, fields with arguments are aliased: two of them under one name would conflict.
  const alias = (!w.sloppy && field.args.length > 0) || ch.chance(15) ? `${w.fresh("a")}: ` : "";
  const named = getNamedType(field.type);
  const selection = isCompositeType(named) ? selectionSet(w, named, depth + 1) : "";
  return `${alias}${field.name}${argumentList(w, field.args)} ${selection}`;
}

/** A selection set on `type`; past the depth chosen for this document, `{ __typename }`. */
function selectionSet(w: DocumentWriter, type: GraphQLCompositeType, depth: number): string {
  const { ch } = w;
  if (depth >= w.maxDepth) return "{ __typename }";
  const parts = Array.from({ length: ch.int(1, 4) }, () => fieldSelection(w, type, depth));
  if (ch.chance(4)) {
    // Many aliases of one leaf, around the alias limit.
    const leaf = isObjectType(type) ? Object.values(type.getFields()).find((f) => isLeafType(getNamedType(f.type)))?.name : undefined;
    if (leaf) parts.push(...Array.from({ length: ch.int(5, 20) }, () => `${w.fresh("a")}: ${leaf}`));
  }
  if (isObjectType(type) && ch.chance(8)) {
    const name = w.fresh("F");
    w.fragments.push(`fragment ${name} on ${type.name} { ${parts.join(" ")} }`);
    return `{ ...${name} }`;
  }
  return `{ ${parts.join(" ")} }`;
}

/** A root field of `root`, or on queries sometimes an introspection field. */
function rootField(w: DocumentWriter, root: GraphQLObjectType): string {
  const { ch, schema } = w;
  if (root === schema.getQueryType() && ch.chance(8)) {
    if (ch.chance(30)) return "__typename";
    if (ch.chance(50)) return `__schema ${selectionSet(w, schema.getType("__Schema") as GraphQLObjectType, 1)}`;
    const name = ch.chance(80) ? ch.pick(Object.keys(schema.getTypeMap())) : ch.pick(["Member", "CreateMemberInput", "MemberFilter", "Nope"]);
    return `__type(name: ${JSON.stringify(name)}) ${selectionSet(w, schema.getType("__Type") as GraphQLObjectType, 1)}`;
  }
  return fieldSelection(w, root, 0);
}

function wellFormedRequest(ch: Chooser, schema: GraphQLSchema, pools: Pools): FuzzRequest {
  const mutation = schema.getMutationType();
  const root = mutation && ch.chance(25) ? mutation : schema.getQueryType()!;
  // Mostly shallow documents; a few go past the depth limit.
  const w = new DocumentWriter(ch, schema, pools, ch.chance(5) ? 14 : ch.int(2, 6), ch.chance(35));
  const fields = Array.from({ length: ch.int(1, 3) }, () => rootField(w, root));
  const keyword = root === mutation ? "mutation" : "query";
  const header = w.declarations.length ? `${keyword} Fuzz(${w.declarations.join(", ")})` : keyword;
  return { query: [`${header} { ${fields.join(" ")} }`, ...w.fragments].join("\n"), variables: w.variables };
}

/**
 * Random requests generated from `schema`: queries and mutations over its root fields with
 * arguments of the right and the wrong types, hostile values, nested selections, aliases,
 * fragments and introspection; and a few malformed requests (deep nesting, token floods,
 * bodies that are not GraphQL).
 */
export function fuzzRequest(schema: GraphQLSchema, pools: Pools): fc.Arbitrary<FuzzRequest> {
  return fc.gen().map((g) => {
    const ch = new Chooser(g);
    return ch.chance(5) ? malformedRequest(ch) : wellFormedRequest(ch, schema, pools);
  });
}
