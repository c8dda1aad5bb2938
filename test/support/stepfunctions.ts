import jsonata from "jsonata";
import { defineModel, field, type ItemOf } from "../../src/index.js";

/** Every key-building kind (string, int, boolean, enum) in keys, every value kind in attributes. */
export const Account = defineModel(
  "SfAccount",
  {
    org: field.string({ pk: true, identifier: "ORG" }),
    num: field.int({ pk: true }),
    name: field.string({ sk: true }),
    active: field.boolean({ sk: true }),
    region: field.string({ gsi: true }),
    tier: field.enum(["free", "pro"], { gsi: true, optional: true }),
    balance: field.number(),
    paid: field.boolean(),
    settings: field.json({ optional: true }),
    tags: field.list({ optional: true }),
    note: field.string({ optional: true }),
    kind: field.string({ default: "standard" }),
  },
  { suffix: "ACCOUNT" },
);

/** Optimistic locking and automatic timestamps, which a template fills in itself. */
export const Doc = defineModel("SfDoc", {
  owner: field.string({ pk: true }),
  doc: field.string({ sk: true }),
  title: field.string(),
  version: field.int({ version: true }),
  created: field.datetime({ autoNowAdd: true }),
  updated: field.datetime({ autoNow: true }),
});

/** No sk fields: the SK is the model name. */
export const Profile = defineModel("SfProfile", { user: field.string({ pk: true }), bio: field.string() });

/** Each field read from the same-named member of the state's input. */
export function inputMapping<const N extends string>(names: readonly N[]): { [K in N]: string } {
  return Object.fromEntries(names.map((n) => [n, `$states.input.${n}`])) as { [K in N]: string };
}

/** Values with every character keys escape (`#`, `\`), quotes, a newline and non-BMP unicode. */
export const TRICKY_ACCOUNT: Readonly<ItemOf<typeof Account>> = {
  org: "a#b\\c\\",
  num: -3,
  name: "#\\#\\\\ é😀 'q' \"d\"\n",
  active: false,
  region: "x\\#y",
  tier: "pro",
  balance: 0.25,
  paid: true,
  settings: { "k#1": { "ü\\": [1, "x#", [], {}, null, false, [[2.5]]] }, empty: {}, none: [] },
  tags: ["#", { a: "\\" }, 3],
  note: "it's \"quoted\" \\#",
  kind: "vip",
};

const TEMPLATE = /^\{%([\s\S]*)%\}$/;

/** The time a template reads as "now" (`$states.context.State.EnteredTime`). */
export const ENTERED_TIME = "2025-01-02T03:04:05.678Z";

/**
 * `args` as Step Functions evaluates a task's Arguments in JSONata mode: each string that is
 * wholly `{% expression %}` replaced by the expression's value over `$states`; the result
 * passed through JSON, as the service passes it on.
 */
export async function evaluateArguments(args: unknown, input: unknown): Promise<Record<string, unknown>> {
  const states = { input, context: { State: { EnteredTime: ENTERED_TIME } } };
  const walk = async (value: unknown): Promise<unknown> => {
    if (typeof value === "string") {
      const match = TEMPLATE.exec(value);
      return match ? jsonata(match[1]!).evaluate({}, { states }) : value;
    }
    if (Array.isArray(value)) return Promise.all(value.map(walk));
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await walk(v)])));
    }
    return value;
  };
  return JSON.parse(JSON.stringify(await walk(args))) as Record<string, unknown>;
}
