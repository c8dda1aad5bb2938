import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { defineModel, field, table } from "../../src/index.js";
import { buildSchema } from "../../src/graphql/index.js";
import { graphqlClient, type GraphQLResponse } from "../support/graphql.js";
import { useFreshTable } from "../support/storm.js";

/**
 * Client mistakes that reach DynamoDB fail there, and come back masked as "Unexpected error.".
 * Each is answered BAD_USER_INPUT instead, saying what is wrong, before any request is sent.
 */
let env: Awaited<ReturnType<typeof useFreshTable>>;
let gql: ReturnType<typeof graphqlClient>;

const Note = defineModel(
  "Note",
  {
    owner: field.string({ pk: true }),
    note_id: field.string({ sk: true }),
    amount: field.number({ optional: true }),
    title: field.string({ optional: true }),
    data: field.json({ optional: true }),
    tags: field.list({ optional: true }),
  },
  { suffix: "NOTES" },
);

const LONG = "k".repeat(3000);

beforeAll(async () => {
  env = await useFreshTable();
  gql = graphqlClient(buildSchema({ models: [Note] }));
  await Note.objects.create({ owner: "o1", note_id: "n1", amount: 1 });
});

beforeEach(() => env.requests.reset());

/** One BAD_USER_INPUT error whose message matches `message`, never a masked one, and nothing sent. */
function expectBadInput(response: GraphQLResponse<unknown>, message: RegExp): void {
  expect(response.status).toBe(200);
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0]!.extensions?.code).toBe("BAD_USER_INPUT");
  expect(response.errors![0]!.message).toMatch(message);
  expect(JSON.stringify(response)).not.toMatch(/Unexpected error|\bPK\b|\bSK\b|GSI1PK|Exception/);
  expect(env.requests.calls).toEqual([]);
}

const create = `mutation($input: CreateNoteInput!) { createNote(input: $input) { note_id } }`;

describe("key values over DynamoDB's limits", () => {
  it("answers a get, an update, a delete and a list with a 3,000-byte key with BAD_USER_INPUT", async () => {
    expectBadInput(await gql(`query($o: String!) { note(owner: $o, note_id: "n1") { title } }`, { o: LONG }), /owner.*2048/);
    expectBadInput(await gql(`mutation($o: String!) { updateNote(key: { owner: $o, note_id: "n1" }, input: { title: "t" }) { title } }`, { o: LONG }), /owner/);
    expectBadInput(await gql(`mutation($o: String!) { deleteNote(key: { owner: $o, note_id: "n1" }) { title } }`, { o: LONG }), /owner/);
    expectBadInput(await gql(create, { input: { owner: "o1", note_id: "é".repeat(700) } }), /note_id.*1024/);
    expectBadInput(await gql(`query($o: String!) { notes(owner: $o) { nodes { title } } }`, { o: LONG }), /owner/);
    expectBadInput(await gql(`query($s: String!) { notes(owner: "o1", sk: { beginsWith: { note_id: $s } }) { nodes { title } } }`, { s: LONG }), /note_id/);
  });

  it("fails only the aliased get with the bad key: its sibling still answers", async () => {
    const response = await gql<{ bad: unknown; good: { amount: number } }>(
      `query($o: String!) { bad: note(owner: $o, note_id: "n1") { amount } good: note(owner: "o1", note_id: "n1") { amount } }`,
      { o: LONG },
    );
    expect(response.data).toEqual({ bad: null, good: { amount: 1 } });
    expect(response.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[["bad"], "BAD_USER_INPUT"]]);
    expect(env.requests.total).toBe(1);
  });
});

describe("numbers DynamoDB cannot store", () => {
  it.each([
    ["a number field", { amount: 1e-200 }, /amount.*1e-130/],
    ["inside json", { data: { a: [{ b: 1e-200 }] } }, /data: at \.a\[0\]\.b/],
    ["inside a list", { tags: [1, { x: 2 ** 60 }] }, /tags: at \[1\]\.x.*safe integer/],
  ])("answers one in %s with BAD_USER_INPUT", async (_, values, message) => {
    expectBadInput(await gql(create, { input: { owner: "o2", note_id: "a", ...values } }), message);
  });

  it("answers one in an update or a filter with BAD_USER_INPUT", async () => {
    expectBadInput(await gql(`mutation($d: JSON) { updateNote(key: { owner: "o1", note_id: "n1" }, input: { data: $d }) { title } }`, { d: { x: 1e-200 } }), /data/);
    expectBadInput(await gql(`{ notes(owner: "o1", filter: { amount: { gt: 1e-200 } }) { nodes { title } } }`), /amount/);
  });
});

describe("JSON maps DynamoDB refuses", () => {
  const nest = (levels: number): Record<string, unknown> => (levels === 1 ? { a: 1 } : { a: nest(levels - 1) });

  it("answers an empty key, nesting past 32 levels, and __proto__ or constructor keys with BAD_USER_INPUT", async () => {
    expectBadInput(await gql(create, { input: { owner: "o3", note_id: "a", data: { "": 1 } } }), /empty key/);
    expectBadInput(await gql(create, { input: { owner: "o3", note_id: "b", data: nest(32) } }), /32 levels/);
    expectBadInput(await gql(create, { input: { owner: "o3", note_id: "c", data: JSON.parse('{"x":{"__proto__":{"admin":true}}}') } }), /"__proto__"/);
    expectBadInput(await gql(create, { input: { owner: "o3", note_id: "d", data: { constructor: { x: 1 } } } }), /"constructor"/);
  });

  it("refuses __proto__ written as a literal in the document too", async () => {
    expectBadInput(await gql(`mutation { createNote(input: { owner: "o3", note_id: "e", data: { __proto__: { admin: true } } }) { note_id } }`), /"__proto__"/);
  });
});

describe("between", () => {
  it("answers a sort key between with one bound, or reversed bounds, with BAD_USER_INPUT", async () => {
    const list = `query($b: [NoteSortKeyInput!]) { notes(owner: "o1", sk: { between: $b }) { nodes { note_id } } }`;
    expectBadInput(await gql(list, { b: [{ note_id: "a" }] }), /got 1 bound/);
    expectBadInput(await gql(list, { b: [{ note_id: "z" }, { note_id: "a" }] }), /sorts after the high bound/);
  });

  it("answers a filter between with reversed bounds with BAD_USER_INPUT", async () => {
    expectBadInput(await gql(`{ notes(owner: "o1", filter: { amount: { between: [5, 1] } }) { nodes { note_id } } }`), /amount\.between/);
  });
});

describe("expression limits and item size", () => {
  it("answers a filter of more than 300 operators with BAD_USER_INPUT", async () => {
    const or = Array.from({ length: 200 }, (_, i) => ({ amount: { eq: i } }));
    expectBadInput(await gql(`query($f: NoteFilter) { notes(owner: "o1", filter: $f) { nodes { note_id } } }`, { f: { or } }), /filter has \d+ operators/);
  });

  it("answers an item over 400 KB with BAD_USER_INPUT naming it", async () => {
    expectBadInput(await gql(create, { input: { owner: "o4", note_id: "big", title: "x".repeat(410_000) } }), /Note \{"owner":"o4","note_id":"big"\}.*400 KB/);
  });
});

describe("DynamoDB failures", () => {
  it("stay masked: the AWS message is kept in the error, not shown to clients", async () => {
    const response = await table.context({ name: "no-such-table" }, () => gql(`{ note(owner: "o1", note_id: "n1") { title } }`));
    expect(response.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([["Unexpected error.", "INTERNAL_SERVER_ERROR"]]);
    expect(JSON.stringify(response)).not.toMatch(/non-existent|ResourceNotFound/);
  });
});
