import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { batchWrite, defineModel, DynamoDBError, F, field, table, transaction, ValidationError, withLoaders } from "../../src/index.js";
import { useFreshTable } from "../support/storm.js";

/** Every check in this file runs before DynamoDB is called: the counter proves nothing was sent. */
let env: Awaited<ReturnType<typeof useFreshTable>>;

const Doc = defineModel(
  "Doc",
  {
    owner: field.string({ pk: true }),
    doc_id: field.string({ sk: true }),
    email: field.string({ gsi: true, optional: true }),
    amount: field.number({ optional: true }),
    title: field.string({ optional: true }),
    data: field.json({ optional: true }),
    tags: field.list({ optional: true }),
  },
  { suffix: "DOCS" },
);

const LONG = "k".repeat(3000);
const key = { owner: "o1", doc_id: "d1" };

beforeAll(async () => {
  env = await useFreshTable();
  await Doc.objects.create({ ...key, amount: 1, tags: [] });
});

beforeEach(() => env.requests.reset());

/** Runs `action`, expects a ValidationError whose message matches `message`, and that no request was sent. */
async function expectRefused(action: () => unknown, message: RegExp): Promise<ValidationError> {
  const error = await (async () => action())().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).message).toMatch(message);
  expect(env.requests.calls).toEqual([]);
  return error as ValidationError;
}

describe("key values over DynamoDB's limits", () => {
  it("refuses gets, deletes, updates and creates whose partition key would exceed 2,048 bytes, naming the field", async () => {
    const long = { owner: LONG, doc_id: "d1" };
    await expectRefused(() => Doc.objects.get(long), /Doc key.*owner.*3\d{3} bytes.*2048/);
    await expectRefused(() => Doc.objects.find(long), /owner/);
    await expectRefused(() => Doc.objects.delete(long), /owner/);
    await expectRefused(() => Doc.objects.update(long, { amount: 2 }), /owner/);
    await expectRefused(() => Doc.objects.create({ ...long, amount: 1 }), /owner/);
    await expectRefused(() => Doc.objects.batchDelete([key, long]), /owner/);
  });

  it("measures sort keys in UTF-8 bytes: 700 'é' are 1,400 bytes, over 1,024", async () => {
    const error = await expectRefused(() => Doc.objects.get({ owner: "o1", doc_id: "é".repeat(700) }), /doc_id.*1402 bytes.*1024/);
    expect(error.issues.map((i) => i.path)).toEqual(["doc_id"]);
    expect(error.message).not.toMatch(/\bSK\b|\bPK\b/);
  });

  it("accepts a sort key of exactly 1,024 bytes", async () => {
    const doc_id = "x".repeat(1022); // "D#" + 1,022 bytes
    await Doc.objects.create({ owner: "o1", doc_id });
    expect((await Doc.objects.get({ owner: "o1", doc_id })).doc_id).toBe(doc_id);
  });

  it("refuses an index key over 2,048 bytes on create and on a GSI1 query", async () => {
    await expectRefused(() => Doc.objects.create({ owner: "o1", doc_id: "g", email: LONG }), /Doc index key.*email/);
    await expectRefused(() => Doc.objects.using({ email: LONG }).useIndex().all(), /email/);
  });

  it("refuses queries whose partition or sort key condition exceeds the limits", async () => {
    await expectRefused(() => Doc.objects.using({ owner: LONG }).all(), /owner/);
    await expectRefused(() => Doc.objects.using({ owner: "o1", doc_id: "é".repeat(600) }).all(), /sort key condition.*doc_id/);
    await expectRefused(() => Doc.objects.using({ owner: "o1" }).sortKey({ beginsWith: { doc_id: LONG } }).all(), /doc_id/);
    await expectRefused(() => Doc.objects.using({ owner: "o1" }).sortKey({ between: [{ doc_id: "a" }, { doc_id: LONG }] }).all(), /doc_id/);
  });

  it("fails one bad key of a batched get alone: its siblings still answer from the same BatchGetItem", async () => {
    const [bad, good, raw] = await withLoaders((loaders) =>
      Promise.allSettled([
        Doc.objects.get({ owner: LONG, doc_id: "d1" }),
        Doc.objects.get(key),
        loaders.get({ PK: `O#${LONG}#DOCS`, SK: "D#d1" }),
      ]),
    );
    expect(bad.status === "rejected" && bad.reason).toBeInstanceOf(ValidationError);
    expect(raw.status === "rejected" && raw.reason).toBeInstanceOf(ValidationError);
    expect(good.status === "fulfilled" && good.value.amount).toBe(1);
    expect(env.requests.total).toBe(1);
  });
});

describe("numbers DynamoDB cannot store", () => {
  it.each([
    ["underflow", 1e-200, /smaller in magnitude than 1e-130/],
    ["NaN", Number.NaN, /finite number/],
    ["Infinity", Number.POSITIVE_INFINITY, /finite number/],
    ["-Infinity", Number.NEGATIVE_INFINITY, /finite number/],
    ["an unsafe integer", 2 ** 60, /safe integer/],
  ])("refuses %s as a number field, inside json and inside a list", async (_, n, message) => {
    await expectRefused(() => Doc.objects.create({ owner: "n", doc_id: "a", amount: n }), message);
    const nested = await expectRefused(() => Doc.objects.create({ owner: "n", doc_id: "b", data: { a: { b: [1, n] } } }), message);
    expect(nested.message).toMatch(/data: at \.a\.b\[1\]/);
    await expectRefused(() => Doc.objects.create({ owner: "n", doc_id: "c", tags: [{ x: n }] }), /tags: at \[0\]\.x/);
    await expectRefused(() => Doc.objects.update(key, { data: { deep: n } }), message);
  });

  it("refuses a bigint of more than 38 significant digits inside json", async () => {
    await expectRefused(() => Doc.objects.create({ owner: "n", doc_id: "d", data: { big: 10n ** 40n + 1n } }), /38 significant digits/);
  });

  it("refuses them as F() operands (add, subtract, ifNotExists, append, prepend) with a ValidationError, not the marshaller's Error", async () => {
    await expectRefused(() => Doc.objects.update(key, { amount: F("amount").add(Number.NaN) }), /F\(\) operand of amount/);
    await expectRefused(() => Doc.objects.update(key, { amount: F("amount").subtract(Number.POSITIVE_INFINITY) }), /amount/);
    await expectRefused(() => Doc.objects.update(key, { amount: F("amount").ifNotExists(1e-300) }), /1e-130/);
    await expectRefused(() => Doc.objects.update(key, { tags: F("tags").append([2 ** 60]) }), /F\(\) operand of tags.*safe integer/);
    await expectRefused(() => Doc.objects.update(key, { tags: F("tags").prepend([{ x: Number.NaN }]) }), /tags/);
    expect(() => transaction().update(Doc, key, { amount: F("amount").add(Number.NaN) })).toThrow(ValidationError);
  });

  it("refuses them in filters and conditions", async () => {
    await expectRefused(() => Doc.objects.using({ owner: "o1" }).filter({ amount: { gt: 1e-200 } }).all(), /amount/);
    await expectRefused(() => Doc.objects.delete(key, { condition: { amount: Number.NaN } }), /amount/);
  });

  it("stores the extremes DynamoDB accepts", async () => {
    await Doc.objects.create({ owner: "n", doc_id: "ok", amount: 1e-130, data: { max: Number.MAX_SAFE_INTEGER, min: -1e-130 } });
    const read = await Doc.objects.get({ owner: "n", doc_id: "ok" });
    expect([read.amount, read.data]).toEqual([1e-130, { max: Number.MAX_SAFE_INTEGER, min: -1e-130 }]);
  });
});

describe("JSON maps DynamoDB refuses", () => {
  const nest = (levels: number): Record<string, unknown> => (levels === 1 ? { a: "x" } : { a: nest(levels - 1) });

  it("refuses an empty key at any depth", async () => {
    await expectRefused(() => Doc.objects.create({ owner: "j", doc_id: "a", data: { ok: { "": 1 } } }), /data: at \.ok: has an empty key/);
  });

  it("refuses __proto__ and constructor keys instead of dropping or merging them", async () => {
    await expectRefused(() => Doc.objects.create({ owner: "j", doc_id: "b", data: JSON.parse('{"x":{"__proto__":{"admin":true}}}') as Record<string, unknown> }), /"__proto__"/);
    await expectRefused(() => Doc.objects.create({ owner: "j", doc_id: "c", data: { constructor: 1 } }), /"constructor"/);
  });

  it("refuses nesting deeper than 32 levels and accepts 32", async () => {
    await expectRefused(() => Doc.objects.create({ owner: "j", doc_id: "d", data: nest(32) }), /32 levels/);
    await Doc.objects.create({ owner: "j", doc_id: "e", data: nest(31) });
    expect((await Doc.objects.get({ owner: "j", doc_id: "e" })).data).toEqual(nest(31));
  });
});

describe("between", () => {
  it("refuses a sort key between with other than two bounds, or reversed bounds", async () => {
    const q = Doc.objects.using({ owner: "o1" });
    await expectRefused(() => q.sortKey({ between: [{ doc_id: "a" }] as never }).all(), /between takes \[low, high\], got 1 bound/);
    await expectRefused(() => q.sortKey({ between: [{ doc_id: "a" }, { doc_id: "b" }, { doc_id: "c" }] as never }).all(), /got 3 bound/);
    await expectRefused(() => q.sortKey({ between: [{ doc_id: "z" }, { doc_id: "a" }] }).all(), /low bound .*"z".* sorts after the high bound/);
    expect((await q.sortKey({ between: [{ doc_id: "d1" }, { doc_id: "d1" }] }).all()).map((d) => d.doc_id)).toEqual(["d1"]);
  });

  it("refuses a filter between with reversed bounds, comparing numbers by value and strings by UTF-8 bytes", async () => {
    const q = Doc.objects.using({ owner: "o1" });
    await expectRefused(() => q.filter({ amount: { between: [10, 9] } }).all(), /amount\.between: the low bound 10 is greater than the high bound 9/);
    // "\uFF61" sorts before "\u{1F600}" in UTF-16 units but after it in UTF-8 bytes, as DynamoDB compares.
    await expectRefused(() => q.filter({ title: { between: ["\u{1F600}", "\uFF61"] } }).all(), /title\.between/);
    await expectRefused(() => q.filter({ amount: { between: [1] as never } }).all(), /between takes \[low, high\]/);
    expect(await q.filter({ amount: { between: [9, 10] } }).all()).toEqual([]);
    expect(await q.filter({ title: { between: ["\uFF61", "\u{1F600}"] } }).all()).toEqual([]);
  });
});

describe("expressions over DynamoDB's limits", () => {
  const ors = (n: number) => ({ or: Array.from({ length: n }, (_, i) => ({ amount: i })) });

  it("refuses a filter of more than 300 operators, and accepts 299", async () => {
    await expectRefused(() => Doc.objects.using({ owner: "o1" }).filter(ors(151)).all(), /^The filter has 301 operators and functions, over DynamoDB's limit of 300/);
    expect(await Doc.objects.using({ owner: "o1" }).filter(ors(150)).all()).toHaveLength(1);
  });

  it("refuses a filter over 4 KB once compiled", async () => {
    const between = { or: Array.from({ length: 145 }, (_, i) => ({ amount: { between: [i, i + 1] as const } })) };
    await expectRefused(() => Doc.objects.using({ owner: "o1" }).filter(between).all(), /^The filter is \d+ bytes once compiled.*4096/);
  });

  it("refuses a write condition over the limits", async () => {
    await expectRefused(() => Doc.objects.delete(key, { condition: ors(200) }), /^The condition has 399 operators/);
    expect(() => transaction().conditionCheck(Doc, key, ors(200))).toThrow(/operators/);
  });
});

describe("items over 400 KB", () => {
  const huge = () => new Doc({ owner: "big", doc_id: "huge", title: "x".repeat(410_000) });

  it("refuses a create, naming the model and key", async () => {
    const error = await expectRefused(() => huge().save(), /Doc \{"owner":"big","doc_id":"huge"\}.*409600 bytes/);
    expect(error.message).toMatch(/400 KB/);
  });

  it("stores an item just under the limit (the estimate is not stricter than DynamoDB)", async () => {
    await Doc.objects.create({ owner: "big", doc_id: "fits", title: "x".repeat(409_500) });
    expect((await Doc.objects.get({ owner: "big", doc_id: "fits" })).title).toHaveLength(409_500);
  });

  it("refuses a batch or a transaction holding one, sending nothing of it", async () => {
    const small = new Doc({ owner: "big", doc_id: "small", amount: 1 });
    await expectRefused(() => batchWrite([{ put: small }, { put: huge() }]), /409600/);
    await expectRefused(() => Doc.objects.batchSave([small, huge()]), /409600/);
    expect(() => transaction().create(small).create(huge())).toThrow(ValidationError);
    expect(await Doc.objects.find({ owner: "big", doc_id: "small" })).toBeNull();
  });

  it("refuses an update whose values alone exceed it", async () => {
    await expectRefused(() => Doc.objects.update(key, { title: "x".repeat(410_000) }), /update of Doc.*409600/);
  });
});

describe("DynamoDBError", () => {
  it("keeps the AWS message", async () => {
    const error = await table.context({ name: "no-such-table" }, () => Doc.objects.find(key)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoDBError);
    expect((error as DynamoDBError).message).toBe("DynamoDB GetItem failed: ResourceNotFoundException: Cannot do operations on a non-existent table");
  });
});
