import { beforeAll, describe, expect, it } from "vitest";
import { signToken } from "../../../example-server/auth.js";
import { prepareTable } from "../../../example-server/database.js";
import { buildExampleSchema } from "../../../example-server/schema.js";
import { createExampleYoga } from "../../../example-server/yoga.js";
import { graphqlClient } from "../../support/graphql.js";
import { useFreshTable } from "../../support/storm.js";

let env: Awaited<ReturnType<typeof useFreshTable>>;
const yoga = createExampleYoga();
const unscoped = graphqlClient(buildExampleSchema());

beforeAll(async () => {
  env = await useFreshTable();
  await prepareTable();
});

/** The example server's answer for the caller `subject` names (a customer id, `admin`, or no token), and its requests. */
async function asCaller(subject: string | null, query: string, authorization?: string) {
  const token = subject ? `Bearer ${await signToken(subject)}` : authorization;
  env.requests.reset();
  const response = await yoga.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: token } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] }, requests: env.requests.total };
}

async function withoutRules(query: string) {
  env.requests.reset();
  const response = await unscoped(query);
  return { data: response.data, requests: env.requests.total };
}

describe("the example server's rules cost no request", () => {
  /** The example queries and the requests bench/README.md gives for them. */
  const queries: Record<string, [string, number]> = {
    "customer with 10 orders and their products": [`{ customer(customer_id: "ada") { name orders(first: 10) { nodes { order_id product { name } } } } }`, 2],
    "50 orders with their products": [`{ orders(customer_id: "ada", first: 50) { nodes { order_id product { name } } } }`, 2],
    "a page of orders, each with its customer": [`{ orders(customer_id: "ada", first: 10) { nodes { order_id customer { name } } } }`, 1],
    "one order": [`{ order(customer_id: "ada", order_id: "ord-0001") { total } }`, 1],
  };

  it.each(Object.entries(queries))("%s: Ada's own data costs what it costs without rules", async (_, [query, requests]) => {
    const scoped = await asCaller("ada", query);
    const plain = await withoutRules(query);
    expect(scoped.body.data).toEqual(plain.data);
    expect([scoped.requests, plain.requests]).toEqual([requests, requests]);
  });

  it("lets a shopper leave out their own id", async () => {
    const own = await asCaller("ada", `{ customer { name } }`);
    expect(own).toMatchObject({ body: { data: { customer: { name: "Ada Lovelace" } } }, requests: 1 });
  });

  it("answers another customer's data with null and no request", async () => {
    const other = await asCaller("ada", `{ customer(customer_id: "grace") { name } orders(customer_id: "grace") { nodes { order_id } } }`);
    expect(other).toMatchObject({ body: { data: { customer: null, orders: { nodes: [] } } }, requests: 0 });
    const admin = await asCaller("admin", `{ customer(customer_id: "grace") { name } }`);
    expect(admin.body.data).toEqual({ customer: { name: "Grace Hopper" } });
  });

  it("shows an anonymous caller products only, and refuses a bad token", async () => {
    const anonymous = await asCaller(null, `{ customer(customer_id: "ada") { name } product(product_id: "book-dune") { product_id } }`);
    expect(anonymous.body.data).toMatchObject({ customer: null });
    expect(anonymous.requests).toBe(1);
    const forged = await asCaller(null, `{ customer(customer_id: "ada") { name } }`, "Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.");
    expect(forged.body.errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    expect(forged.requests).toBe(0);
  });
});
