import type { GraphQLObjectType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { belongsTo, buildSchema, hasMany, hasOne } from "../../src/graphql/index.js";
import { defineModel, field, InvalidDefinition } from "../../src/index.js";
import { graphqlClient } from "../support/graphql.js";
import { useFreshTable } from "../support/storm.js";

// Books live in their own partitions and are found by author through GSI1.
const Author = defineModel("Author", { author_id: field.string({ pk: true }), name: field.string() });
const Book = defineModel("Book", {
  isbn: field.string({ pk: true }),
  title: field.string(),
  written_by: field.string({ gsi: true }),
});
// One profile per author, keyed by the same id in another partition.
const Profile = defineModel("Profile", { author_id: field.string({ pk: true }), bio: field.string() }, { suffix: "PROFILE" });

const schema = buildSchema({
  models: [Author, Book, Profile],
  relations: {
    Author: { books: hasMany(Book, { index: true, fields: { written_by: "author_id" } }), profile: hasOne(Profile) },
    Book: { author: belongsTo(Author, { author_id: "written_by" }) },
  },
});
const gql = graphqlClient(schema);
let env: Awaited<ReturnType<typeof useFreshTable>>;

beforeAll(async () => {
  env = await useFreshTable();
  await Author.objects.create({ author_id: "a1", name: "Le Guin" });
  await Author.objects.create({ author_id: "a2", name: "Calvino" });
  await Profile.objects.create({ author_id: "a1", bio: "Earthsea" });
  for (const [isbn, title, by] of [["1", "A Wizard of Earthsea", "a1"], ["2", "The Dispossessed", "a1"], ["3", "Invisible Cities", "a2"]]) {
    await Book.objects.create({ isbn: isbn!, title: title!, written_by: by! });
  }
});

describe("relations", () => {
  it("reads hasMany children through GSI1, and hasOne by the parent's key", async () => {
    env.requests.reset();
    type Data = { author: { name: string; profile: { bio: string }; books: { nodes: { title: string; author: { name: string } }[] } } };
    const response = await gql<Data>(`{ author(author_id: "a1") { name profile { bio } books { nodes { title author { name } } } } }`);
    const author = response.data!.author;
    expect([author.name, author.profile]).toEqual(["Le Guin", { bio: "Earthsea" }]);
    expect(author.books.nodes.map((b) => `${b.title} by ${b.author.name}`).sort()).toEqual(["A Wizard of Earthsea by Le Guin", "The Dispossessed by Le Guin"]);
    // The author, then its profile and its books in parallel; their author is already loaded.
    expect(env.requests.calls.sort()).toEqual(["GetItem", "GetItem", "Query"]);
  });

  it("gets every node's target before returning a page, through nodes and edges alike, with the requests of fields resolved one by one", async () => {
    type Data = { books: { nodes: { title: string; author: { name: string } | null }[] }; edges: { edges: { node: { author: { name: string } } }[] } };
    env.requests.reset();
    const response = await gql<Data>(`{
      books: booksByWrittenBy(written_by: "a1") { nodes { title author { name } } }
      edges: booksByWrittenBy(written_by: "a2") { edges { node { author { name } } } }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.books.nodes.map((b) => b.author?.name)).toEqual(["Le Guin", "Le Guin"]);
    expect(response.data!.edges.edges.map((e) => e.node.author.name)).toEqual(["Calvino"]);
    // Each page, then its nodes' author once (one get for two nodes): what the author fields alone would send.
    expect(env.requests.calls.sort()).toEqual(["GetItem", "GetItem", "Query", "Query"]);
  });

  it("reads nothing for a relation @skip or @include leaves out, in a page or under a single item", async () => {
    env.requests.reset();
    const response = await gql(`query ($skip: Boolean!) {
      booksByWrittenBy(written_by: "a1") { nodes { title author @skip(if: $skip) { name } ... @include(if: false) { author { name } } } }
      author(author_id: "a1") { name books @include(if: false) { nodes { title } } }
    }`, { skip: true });
    expect(response.errors).toBeUndefined();
    const titles = (response.data!.booksByWrittenBy as { nodes: object[] }).nodes;
    expect(titles).toEqual(expect.arrayContaining([{ title: "A Wizard of Earthsea" }, { title: "The Dispossessed" }]));
    expect(titles).toHaveLength(2);
    expect(env.requests.calls.sort()).toEqual(["GetItem", "Query"]);
  });

  it("reports a target's failed get on that field only, the page and its other fields answered", async () => {
    // Every get fails while this middleware is on the stack.
    const name = "failGets";
    env.client.middlewareStack.add(
      (next, context) => (args) => (["GetItemCommand", "BatchGetItemCommand"].includes(String(context.commandName)) ? Promise.reject(Object.assign(new Error("injected"), { name: "InternalServerError", $fault: "server" })) : next(args)),
      { step: "initialize", name },
    );
    try {
      const response = await gql<{ booksByWrittenBy: { nodes: { title: string; author: unknown }[] } }>(`{ booksByWrittenBy(written_by: "a1") { nodes { title author { name } } } }`);
      const nodes = response.data!.booksByWrittenBy.nodes;
      expect(nodes.map((n) => n.author)).toEqual([null, null]);
      expect(nodes.map((n) => n.title).sort()).toEqual(["A Wizard of Earthsea", "The Dispossessed"]);
      expect(response.errors!.map((e) => e.path)).toEqual([
        ["booksByWrittenBy", "nodes", 0, "author"],
        ["booksByWrittenBy", "nodes", 1, "author"],
      ]);
      expect(JSON.stringify(response.errors)).not.toContain("injected");
    } finally {
      env.client.middlewareStack.remove(name);
    }
  });

  it("fetches the target that several nodes name once per operation, and again after a write to it", async () => {
    env.requests.reset();
    const books = await gql(`{ a: book(isbn: "1") { author { name } } b: book(isbn: "2") { author { name } } }`);
    expect(books.data).toEqual({ a: { author: { name: "Le Guin" } }, b: { author: { name: "Le Guin" } } });
    expect(env.requests.calls.sort()).toEqual(["BatchGetItem", "GetItem"]);
    // Mutations run in order: the third field must see the rename made by the second.
    const renamed = await gql(`mutation {
      before: updateBook(key: { isbn: "3" }, input: { title: "Invisible Cities" }) { author { name } }
      rename: updateAuthor(key: { author_id: "a2" }, input: { name: "Italo Calvino" }) { name }
      after: updateBook(key: { isbn: "3" }, input: { title: "Invisible Cities" }) { author { name } }
    }`);
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data).toEqual({ before: { author: { name: "Calvino" } }, rename: { name: "Italo Calvino" }, after: { author: { name: "Italo Calvino" } } });
  });

  it("answers null for a hasOne that is absent and an empty connection for no children", async () => {
    const response = await gql(`{ author(author_id: "a2") { profile { bio } books(filter: { title: { beginsWith: "X" } }) { nodes { title } } } }`);
    expect(response.data).toEqual({ author: { profile: null, books: { nodes: [] } } });
  });

  it("gives relation fields in the schema their derived types", () => {
    const fields = (schema.getType("Author") as GraphQLObjectType).getFields();
    expect(String(fields.books?.type)).toBe("BookConnection!");
    expect(String(fields.profile?.type)).toBe("Profile");
    expect(fields.books?.args.map((a) => a.name)).toEqual(["filter", "first", "after", "last", "before", "reverse"]);
  });
});

describe("schema definition errors", () => {
  it("refuses two models that would give the same GraphQL names, and relations to models left out", () => {
    const Twin = defineModel("book", { isbn: field.string({ pk: true }) });
    expect(() => buildSchema({ models: [Book, Twin] })).toThrow(InvalidDefinition);
    expect(() => buildSchema({ models: [Author], relations: { Author: { books: hasMany(Book, { index: true, fields: { written_by: "author_id" } }) } } })).toThrow(/add Book to models/);
    expect(() => buildSchema({ models: [Author, Book], relations: { Book: { author: belongsTo(Author) } } })).toThrow(/needs a field of Book/);
  });
});
