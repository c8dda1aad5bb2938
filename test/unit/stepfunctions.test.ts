import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defineModel, field, KeyFieldUpdateError, MissingRequiredFields, table, ValidationError, type ItemOf } from "../../src/index.js";
import { Account, Doc, ENTERED_TIME, evaluateArguments, inputMapping, Profile, TRICKY_ACCOUNT } from "../support/stepfunctions.js";

const ORDINARY_ACCOUNT: Readonly<ItemOf<typeof Account>> = {
  org: "acme", num: 7, name: "Ann", active: true, region: "eu", tier: "free", balance: 12.5, paid: false,
  settings: { theme: "dark", limits: [1, 2] }, tags: ["a"], note: "hi", kind: "standard",
};
const ACCOUNT_FIELDS = Object.keys(ORDINARY_ACCOUNT) as (keyof ItemOf<typeof Account>)[];
const accountSf = () => Account.stepFunctions(inputMapping(ACCOUNT_FIELDS));

beforeEach(() => {
  table.configure({ name: "t" });
});

describe.each([
  ["ordinary values", ORDINARY_ACCOUNT],
  ["values with #, \\, quotes, newline and unicode", TRICKY_ACCOUNT],
])("Step Functions templates evaluate to the ORM's requests: %s", (_, values) => {
  const key = { org: values.org, num: values.num, name: values.name, active: values.active };
  const instance = () => new Account(structuredClone(values) as never);

  it("getItem equals getLoadQuery", async () => {
    expect(await evaluateArguments(accountSf().getItem(), values)).toEqual(Account.objects.getLoadQuery(key));
    expect(await evaluateArguments(accountSf().getItem({ consistent: true }), values)).toEqual(Account.objects.getLoadQuery(key, { consistent: true }));
  });

  it("putItem equals getSaveQuery, with and without allowOverride", async () => {
    expect(await evaluateArguments(accountSf().putItem(), values)).toEqual(Account.objects.getSaveQuery(instance(), true));
    expect(await evaluateArguments(accountSf().putItem({ allowOverride: false }), values)).toEqual(Account.objects.getSaveQuery(instance(), false));
  });

  it("putItem without an optional gsi field writes no GSI1PK, and fixed defaults fill unmapped fields", async () => {
    const { tier: _tier, kind: _kind, ...rest } = values;
    const mapped = Account.stepFunctions(inputMapping(Object.keys(rest) as (keyof typeof rest)[]));
    const evaluated = await evaluateArguments(mapped.putItem(), rest);
    expect(evaluated).toEqual(Account.objects.getSaveQuery(new Account(structuredClone(rest) as never), true));
    expect(evaluated.Item).not.toHaveProperty("GSI1PK");
    expect(evaluated.Item).toMatchObject({ kind: { S: "standard" } });
  });

  it("updateItem equals getUpdateQuery: values, removals, a gsi field changed (GSI1PK rebuilt, the other gsi field checked)", async () => {
    const input = { ...values, new_region: `${values.region}#2\\`, new_tags: [values.name, 1] };
    const templ = accountSf().updateItem({ balance: "$states.input.balance * 2", note: null, region: "$states.input.new_region", tags: "$states.input.new_tags" });
    const orm = Account.objects.getUpdateQuery(instance(), { balance: values.balance * 2, note: null, region: input.new_region, tags: input.new_tags });
    expect(await evaluateArguments(templ, input)).toEqual(orm);
  });

  it("updateItem removing the optional gsi field removes GSI1PK", async () => {
    const templ = accountSf().updateItem({ tier: null, paid: "$not($states.input.paid)" });
    const orm = Account.objects.getUpdateQuery(instance(), { tier: null, paid: !values.paid });
    expect(await evaluateArguments(templ, values)).toEqual(orm);
    expect(orm.UpdateExpression).toContain("REMOVE");
  });

  it("deleteItem equals getDeleteQuery", async () => {
    expect(await evaluateArguments(accountSf().deleteItem(), values)).toEqual(Account.objects.getDeleteQuery(instance()));
  });

  it("query equals QuerySet.getQuery(): partition, sk prefix, exact SK, the index, and the options", async () => {
    const { org, num, name, active, region, tier } = values;
    const query = (names: (keyof typeof values)[], options = {}) => Account.stepFunctions(inputMapping(names)).query(options);
    const cases = [
      [query(["org", "num"]), Account.objects.using({ org, num }).getQuery()],
      [query(["org", "num", "name"]), Account.objects.using({ org, num, name }).getQuery()],
      [query(["org", "num", "name", "active"], { consistent: true }), Account.objects.using({ org, num, name, active }).consistent().getQuery()],
      [query(["org", "num", "active"], { reverse: true, limit: 5 }), Account.objects.using({ org, num, active }).reverse().limit(5).getQuery()],
      [query(["region", "tier"], { index: true }), Account.objects.using({ region, tier }).useIndex().getQuery()],
    ] as const;
    for (const [templ, orm] of cases) expect(await evaluateArguments(templ, values)).toEqual(orm);
  });
});

describe("Step Functions templates: what the template fills in itself", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(ENTERED_TIME));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const doc = { owner: "o#1", doc: "d\\1", title: "T" };

  it("putItem: timestamps from the state's entered time; version 1 and none stored, or the one read and the next", async () => {
    const fresh = Doc.stepFunctions(inputMapping(["owner", "doc", "title"]));
    expect(await evaluateArguments(fresh.putItem(), doc)).toEqual(Doc.objects.getSaveQuery(new Doc(doc), true));
    const read = Doc.stepFunctions(inputMapping(["owner", "doc", "title", "version"]));
    const stored = { ...doc, version: 4 };
    expect(await evaluateArguments(read.putItem({ allowOverride: false }), stored)).toEqual(Doc.objects.getSaveQuery(new Doc(stored), false));
  });

  it("updateItem and deleteItem check the version read; without one the update increments what is stored", async () => {
    const stored = { ...doc, version: 4 };
    const read = Doc.stepFunctions(inputMapping(["owner", "doc", "version"]));
    const instance = Doc.fromStored(stored);
    expect(await evaluateArguments(read.updateItem({ title: "'New'" }), stored)).toEqual(Doc.objects.getUpdateQuery(instance, { title: "New" }));
    expect(await evaluateArguments(read.deleteItem(), stored)).toEqual(Doc.objects.getDeleteQuery(instance));
    const byKey = Doc.stepFunctions(inputMapping(["owner", "doc"]));
    expect(await evaluateArguments(byKey.updateItem({ title: "'New'" }), doc)).toEqual(Doc.objects.getUpdateQuery(Doc.fromStored(doc), { title: "New" }));
  });

  it("a model without sk fields: the SK is its name, a fixed string", async () => {
    const sf = Profile.stepFunctions(inputMapping(["user", "bio"]));
    expect(sf.getItem().Key.SK).toEqual({ S: "SfProfile" });
    const input = { user: "u#\\", bio: "b" };
    expect(await evaluateArguments(sf.putItem(), input)).toEqual(Profile.objects.getSaveQuery(new Profile(input)));
    expect(await evaluateArguments(sf.query(), input)).toEqual(Profile.objects.using({ user: input.user }).getQuery());
  });
});

describe("Step Functions templates: shape and refusals", () => {
  it("key strings are JSONata expressions over the state, escaped inside JSONata; fixed parts are plain", () => {
    const sf = Profile.stepFunctions({ user: "$states.input.user_id" });
    expect(sf.getItem()).toEqual({
      TableName: "t",
      Key: { PK: { S: "{% 'U#' & $replace($replace(($states.input.user_id), '\\\\', '\\\\\\\\'), '#', '\\\\#') & '#SfProfile' %}" }, SK: { S: "SfProfile" } },
    });
  });

  it("attribute values are typed by field kind", () => {
    const item = accountSf().putItem().Item;
    expect(item.balance).toEqual({ N: "{% $string(($states.input.balance)) %}" });
    expect(item.paid).toEqual({ BOOL: "{% ($states.input.paid) %}" });
    expect(item.note).toEqual({ S: "{% ($states.input.note) %}" });
    expect(Object.keys(item.settings!)).toEqual(["M"]);
    expect(Object.keys(item.tags!)).toEqual(["L"]);
    expect(item._type).toEqual({ S: "SfAccount" });
  });

  it("TableName: the configured table when the request is built, or the override", () => {
    const sf = Profile.stepFunctions({ user: "$states.input.user" });
    table.context({ name: "scoped" }, () => expect(sf.getItem().TableName).toBe("scoped"));
    expect(Profile.stepFunctions({ user: "x" }, { tableName: "other" }).deleteItem().TableName).toBe("other");
  });

  it("refuses missing key or required fields, unknown fields, non-expressions, {% %} and JavaScript defaults", () => {
    expect(() => Account.stepFunctions({ org: "x" }).getItem()).toThrow(MissingRequiredFields);
    expect(() => Account.stepFunctions(inputMapping(["org", "num", "name", "active", "region"])).putItem()).toThrow(/balance, paid/);
    expect(() => Account.stepFunctions({ bogus: "x" } as never)).toThrow(ValidationError);
    expect(() => Account.stepFunctions({ org: "  " })).toThrow(/non-empty string/);
    expect(() => Account.stepFunctions({ org: "{% $states.input.org %}" })).toThrow(/adds \{% %\}/);
    expect(() => accountSf().updateItem({ org: "x" } as never)).toThrow(KeyFieldUpdateError);
    expect(() => accountSf().updateItem({ balance: null } as never)).toThrow(/cannot be removed/);
    expect(() => Account.stepFunctions(inputMapping(["org", "num"])).query({ index: true })).toThrow(MissingRequiredFields);
    const Stamped = defineModel("SfStamped", { id: field.string({ pk: true }), token: field.string({ default: () => "t" }) });
    expect(() => Stamped.stepFunctions({ id: "$states.input.id" }).putItem()).toThrow(/computed in JavaScript/);
  });
});
