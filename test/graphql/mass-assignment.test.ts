import { createYoga } from "graphql-yoga";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSchema, type Guard, type WriteGuard } from "../../src/graphql/index.js";
import { defineModel, field, InvalidDefinition } from "../../src/index.js";
import { errorCodes, type GraphQLResponse } from "../support/graphql.js";
import { useFreshTable } from "../support/storm.js";
import { asPlainText, tamper } from "../support/tokens.js";

const Account = defineModel(
  "Account",
  {
    account_id: field.string({ pk: true }),
    name: field.string(),
    password_hash: field.string({ default: "" }),
    role: field.enum(["USER", "ADMIN"], { default: "USER" }),
    email: field.string({ optional: true }),
    nickname: field.string({ optional: true }),
  },
  { suffix: "ACCOUNT" },
);

const Note = defineModel(
  "Note",
  {
    account_id: field.string({ pk: true }),
    note_id: field.string({ sk: true }),
    topic: field.string({ gsi: true }),
    text: field.string(),
  },
  { suffix: "NOTE" },
);

interface Context {
  role: string | null;
}
const isAdmin: Guard = (_parent, _args, ctx) => (ctx as Context).role === "admin";
const writes: { operation: string; input: Record<string, unknown> }[] = [];
const adminWrites: WriteGuard = (input, _args, ctx, operation) => {
  writes.push({ operation, input: { ...input } });
  return (ctx as Context).role === "admin";
};

const schema = buildSchema({
  models: [Account, Note],
  hide: { Account: ["password_hash"] },
  guard: {
    // One function guards reads and writes; an object declares either side alone.
    Account: { email: isAdmin, role: { write: adminWrites }, nickname: { read: isAdmin } },
  },
});
const yoga = createYoga({ schema, maskedErrors: true, logging: false, context: ({ request }): Context => ({ role: request.headers.get("x-role") }) });

async function gql<D = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, role?: "admin"): Promise<GraphQLResponse<D>> {
  const response = await yoga.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(role ? { "x-role": role } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse<D>, "status">) };
}

let env: Awaited<ReturnType<typeof useFreshTable>>;

beforeAll(async () => {
  env = await useFreshTable();
  await Account.objects.create({ account_id: "a1", name: "Ada", password_hash: "h1", email: "ada@example.com" });
  for (let i = 0; i < 5; i++) await Note.objects.create({ account_id: "a1", note_id: `secret-${i}`, topic: "diary", text: `note ${i}` });
});

/** Runs a request and returns it with the DynamoDB requests it made. */
async function measured(query: string, variables: Record<string, unknown> = {}, role?: "admin") {
  env.requests.reset();
  const response = await gql(query, variables, role);
  return { response, requests: [...env.requests.calls] };
}

describe("hidden fields", () => {
  it("are absent from the create and update inputs, in introspection too", async () => {
    const inputFields = async (name: string) => {
      const { data } = await gql<{ __type: { inputFields: { name: string }[] } }>(`query($name: String!) { __type(name: $name) { inputFields { name } } }`, { name });
      return data!.__type.inputFields.map((f) => f.name);
    };
    expect(await inputFields("CreateAccountInput")).toEqual(["account_id", "name", "role", "email", "nickname"]);
    expect(await inputFields("UpdateAccountInput")).toEqual(["name", "role", "email", "nickname"]);
  });

  it("cannot be set by a create or an update: a validation error, nothing written", async () => {
    const create = await measured(`mutation { createAccount(input: { account_id: "a2", name: "Eve", password_hash: "mine" }) { name } }`);
    expect(errorCodes(create.response)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    const update = await measured(`mutation { updateAccount(key: { account_id: "a1" }, input: { password_hash: "mine" }) { name } }`);
    expect(errorCodes(update.response)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect([...create.requests, ...update.requests]).toEqual([]);
    expect((await Account.objects.get({ account_id: "a1" })).password_hash).toBe("h1");
    expect(await Account.objects.find({ account_id: "a2" })).toBeNull();
  });
});

describe("write guards", () => {
  it("refuse a create that sets a guarded field with FORBIDDEN, before any request", async () => {
    writes.length = 0;
    const { response, requests } = await measured(`mutation { createAccount(input: { account_id: "a3", name: "Mal", role: ADMIN }) { name } }`);
    expect(errorCodes(response)).toEqual(["FORBIDDEN"]);
    expect(requests).toEqual([]);
    expect(writes).toEqual([{ operation: "create", input: { account_id: "a3", name: "Mal", role: "ADMIN" } }]);
    expect(await Account.objects.find({ account_id: "a3" })).toBeNull();
  });

  it("refuse an update that sets or removes a guarded field, and leave the item unchanged", async () => {
    const role = await measured(`mutation { updateAccount(key: { account_id: "a1" }, input: { name: "Eve", role: ADMIN }) { name } }`);
    expect(errorCodes(role.response)).toEqual(["FORBIDDEN"]);
    // A plain function guard covers writes as well as reads; a null (removal) is a write.
    const email = await measured(`mutation { updateAccount(key: { account_id: "a1" }, input: { email: null }) { name } }`);
    expect(errorCodes(email.response)).toEqual(["FORBIDDEN"]);
    expect([...role.requests, ...email.requests]).toEqual([]);
    expect((await Account.objects.get({ account_id: "a1" })).toJSON()).toMatchObject({ name: "Ada", role: "USER", email: "ada@example.com" });
  });

  it("allow the write when the guard does, and are not asked about fields the input leaves out", async () => {
    writes.length = 0;
    const plain = await gql(`mutation { createAccount(input: { account_id: "a4", name: "Bo", nickname: "b" }) { name role } }`);
    expect(plain).toMatchObject({ data: { createAccount: { name: "Bo", role: "USER" } } });
    expect(writes).toEqual([]);
    const admin = await gql(`mutation { updateAccount(key: { account_id: "a4" }, input: { role: ADMIN, email: "bo@example.com" }) { role email } }`, {}, "admin");
    expect(admin).toMatchObject({ data: { updateAccount: { role: "ADMIN", email: "bo@example.com" } } });
    expect(writes).toEqual([{ operation: "update", input: { role: "ADMIN", email: "bo@example.com" } }]);
    expect((await Account.objects.get({ account_id: "a4" })).toJSON()).toMatchObject({ role: "ADMIN", email: "bo@example.com", nickname: "b" });
  });

  it("guard reads alone when declared as { read }", async () => {
    const denied = await gql(`{ account(account_id: "a4") { nickname } }`);
    expect(errorCodes(denied)).toEqual(["FORBIDDEN"]);
    expect((await gql(`{ account(account_id: "a4") { nickname } }`, {}, "admin")).data).toEqual({ account: { nickname: "b" } });
  });
});

describe("key fields", () => {
  it("cannot be hidden or guarded, and the error says why", () => {
    const refused = [
      () => buildSchema({ models: [Note], hide: { Note: ["account_id"] } }),
      () => buildSchema({ models: [Note], guard: { Note: { note_id: isAdmin } } }),
      () => buildSchema({ models: [Note], guard: { Note: { topic: { write: adminWrites } } } }),
    ];
    for (const build of refused) expect(build).toThrow(InvalidDefinition);
    expect(refused[1]).toThrow(/Note\.note_id is a sk field and cannot be hidden or guarded: its value is part of the item's key/);
  });

  it("a hidden field that a create needs is refused while mutations are generated", () => {
    expect(() => buildSchema({ models: [Note], hide: { Note: ["text"] } })).toThrow(/Note\.text is hidden but required to create one/);
    expect(() => buildSchema({ models: [Note], hide: { Note: ["text"] }, mutations: false })).not.toThrow();
  });
});

describe("opaque ids and cursors", () => {
  const notes = `query($after: String) { notes(account_id: "a1", first: 2, after: $after) { edges { cursor node { id note_id } } pageInfo { endCursor } } }`;
  type NotesData = { notes: { edges: { cursor: string; node: { id: string; note_id: string } }[]; pageInfo: { endCursor: string } } };

  it("reveal no key attribute, key value or model name", async () => {
    const { data } = await gql<NotesData>(notes);
    const tokens = [data!.notes.pageInfo.endCursor, ...data!.notes.edges.flatMap((e) => [e.cursor, e.node.id])];
    // What the plain formats held: `Note:["a1","secret-0"]` and `{"PK":"A#a1#NOTE",...}` (patterns long enough not to occur by chance in ciphertext).
    for (const token of tokens) expect(asPlainText(token)).not.toMatch(/PK"|SK"|secret-|A#a1|Note:|NOTE/);
  });

  it("refuse a tampered cursor with BAD_CURSOR and a tampered id with BAD_USER_INPUT", async () => {
    const { data } = await gql<NotesData>(notes);
    const next = await gql<NotesData>(notes, { after: data!.notes.pageInfo.endCursor });
    expect(next.data!.notes.edges.map((e) => e.node.note_id)).toEqual(["secret-2", "secret-3"]);
    for (const at of [0, 14, -1]) expect(errorCodes(await gql(notes, { after: tamper(data!.notes.pageInfo.endCursor, at) }))).toEqual(["BAD_CURSOR"]);
    const id = data!.notes.edges[0]!.node.id;
    for (const at of [0, 14, -1]) expect(errorCodes(await gql(`query($id: ID!) { node(id: $id) { id } }`, { id: tamper(id, at) }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("give the same item the same id in every request, and node(id) reads it back", async () => {
    const first = await gql<NotesData>(notes);
    const second = await gql<NotesData>(notes);
    const ids = first.data!.notes.edges.map((e) => e.node.id);
    expect(second.data!.notes.edges.map((e) => e.node.id)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const node = await gql(`query($id: ID!) { node(id: $id) { id ... on Note { note_id text } } }`, { id: ids[1] });
    expect(node.data).toEqual({ node: { id: ids[1], note_id: "secret-1", text: "note 1" } });
  });
});
