import { beforeAll, describe, expect, it } from "vitest";
import { models } from "../../example-server/models.js";
import { relations } from "../../example-server/schema.js";
import { createYoga } from "graphql-yoga";
import { execute, parse } from "graphql";
import { buildSchema } from "../../src/graphql/index.js";
import { useStormIntrospection, useStormParserLimit } from "../../src/yoga/index.js";
import { table } from "../../src/index.js";
import { errorCodes, graphqlClient } from "../support/graphql.js";
import { useFreshTable } from "../support/storm.js";

const schema = buildSchema({ models: [...models], relations });
const gql = graphqlClient(schema);

beforeAll(async () => {
  await useFreshTable();
});

describe("operation limits (defaults)", () => {
  it("accepts depth 10 and refuses depth 11 with LIMIT_EXCEEDED", async () => {
    const ok = `{ customer(customer_id: "c") { orders(first: 1) { nodes { customer { orders(first: 1) { nodes { customer { orders(first: 1) { nodes { order_id } } } } } } } } } }`;
    expect((await gql(ok)).errors).toBeUndefined();
    const over = ok.replace("nodes { order_id }", "nodes { customer { name } }");
    const response = await gql(over);
    expect(response.status).toBe(200);
    expect(errorCodes(response)).toContain("LIMIT_EXCEEDED");
    expect(response.errors?.[0]?.extensions).toMatchObject({ limit: "depth", max: 10, actual: 11 });
  });

  it("accepts 15 aliases and refuses 16", async () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: customer(customer_id: "c${i}") { name }`).join(" ");
    expect((await gql(`{ ${fields(15)} }`)).errors).toBeUndefined();
    expect(errorCodes(await gql(`{ ${fields(16)} }`))).toContain("LIMIT_EXCEEDED");
  });

  it("refuses a document over 2000 tokens", async () => {
    // 26 tokens around the list; each list value is one more (commas are not tokens).
    const query = (n: number) => `{ orders(customer_id: "c", filter: { total: { in: [${Array.from({ length: n }, (_, i) => i).join(", ")}] } }) { nodes { order_id } } }`;
    expect(errorCodes(await gql(query(1974)))).not.toContain("LIMIT_EXCEEDED");
    const over = await gql(query(1975));
    expect(over.status).toBeLessThan(500);
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", limit: "tokens", max: 2000 });
  });

  it("refuses an operation whose plan would make over 100 DynamoDB requests", async () => {
    // 1 Query for the orders, 1 BatchGetItem for their customers, 1 look-ahead read of the
    // partition (the customer sorts before the orders), then one Query per order for its
    // customer's orders: 1 + 1 + 1 + 97 = 100.
    const atLimit = `{ orders(customer_id: "c", first: 97) { nodes { customer { orders(first: 1) { nodes { order_id } } } } } }`;
    const response = await gql(atLimit);
    expect(response.errors).toBeUndefined();
    const over = atLimit.replace("first: 97", "first: 98");
    expect(errorCodes(await gql(over))).toContain("LIMIT_EXCEEDED");
    // The page size may come in a variable.
    const withVariable = atLimit.replace("{ orders(", "query($n: Int) { orders(").replace("first: 97", "first: $n");
    expect((await gql(withVariable, { n: 97 })).errors).toBeUndefined();
    expect(errorCodes(await gql(withVariable, { n: 98 }))).toContain("LIMIT_EXCEEDED");
  });
});

describe("configured limits", () => {
  it("honours smaller limits", async () => {
    const strict = graphqlClient(buildSchema({ models: [...models], relations, limits: { maxDepth: 2, maxAliases: 1 } }));
    expect((await strict(`{ customer(customer_id: "c") { name } }`)).errors).toBeUndefined();
    expect(errorCodes(await strict(`{ customer(customer_id: "c") { orders { nodes { order_id } } } }`))).toContain("LIMIT_EXCEEDED");
    expect(errorCodes(await strict(`{ a: customer(customer_id: "c") { name } b: customer(customer_id: "d") { name } }`))).toContain("LIMIT_EXCEEDED");
  });

  it("judges one parsed document per schema, every time it runs", async () => {
    // Verdicts of operations without variables are kept per parsed document: a server
    // reuses the parsed document, and each schema (with its limits) judges it on its own.
    const strict = buildSchema({ models: [...models], relations, limits: { maxDepth: 2 } });
    const document = parse(`{ customer(customer_id: "c") { orders { nodes { order_id } } } }`);
    for (let i = 0; i < 2; i++) {
      expect((await execute({ schema, document, contextValue: {} })).errors).toBeUndefined();
      expect((await execute({ schema: strict, document, contextValue: {} })).errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", limit: "depth" });
    }
  });
});

describe("masking", () => {
  it("never leaks an AWS or internal message", async () => {
    const response = await table.context({ name: "no-such-table" }, () => gql(`{ customer(customer_id: "c") { name } }`));
    expect(response.status).toBe(200);
    expect(response.errors?.[0]?.message).toBe("Unexpected error.");
    expect(JSON.stringify(response)).not.toMatch(/ResourceNotFound|no-such-table|DynamoDB/);
  });
});

describe("a token limit while parsing", () => {
  it("refuses an oversized document, even an invalid one, before validating it, with a 4xx", async () => {
    const yoga = createYoga({ schema, logging: false, plugins: [useStormParserLimit({ maxTokens: 50 })] });
    const query = `{ ${Array.from({ length: 60 }, () => "nonsense").join(" ")} }`;
    const response = await yoga.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
    expect(response.status).toBeLessThan(500);
    expect(JSON.stringify(await response.json())).toMatch(/Document contains more (than|that) 50 tokens/);
  });
});

describe("introspection off", () => {
  const yoga = createYoga({ schema, logging: false, plugins: [useStormIntrospection({ introspection: false })] });
  const post = async (query: string) => {
    const response = await yoga.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
    return { status: response.status, body: (await response.json()) as { errors?: { message: string }[] } };
  };

  it("refuses introspection queries", async () => {
    const { body } = await post(`{ __schema { types { name } } }`);
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it("hides field suggestions that would reveal the schema", async () => {
    const withSuggestions = await gql(`{ custmer(customer_id: "c") { name } }`);
    expect(withSuggestions.errors?.[0]?.message).toMatch(/Did you mean "customer"/);
    const { body } = await post(`{ custmer(customer_id: "c") { name } }`);
    expect(body.errors?.[0]?.message).toBe('Cannot query field "custmer" on type "Query".');
  });
});
