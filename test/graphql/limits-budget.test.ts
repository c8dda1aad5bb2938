import { Kind, parse, specifiedRules, validate } from "graphql";
import { createYoga } from "graphql-yoga";
import { beforeAll, describe, expect, it } from "vitest";
import { Customer, models, Order } from "../../example-server/models.js";
import { relations } from "../../example-server/schema.js";
import { createExampleYoga } from "../../example-server/yoga.js";
import { buildSchema, operationLimitsRule } from "../../src/graphql/index.js";
import { useStormLimits } from "../../src/yoga/index.js";
import { errorCodes, graphqlClient } from "../support/graphql.js";
import type { RequestCounter } from "../support/request-counter.js";
import { useFreshTable } from "../support/storm.js";

const schema = buildSchema({ models: [...models], relations });
const gql = graphqlClient(schema);
/** More orders than a filtered page reads (10 reads of 100), none of them matching the filters below. */
const SPARSE_ORDERS = 1100;
let requests: RequestCounter;

beforeAll(async () => {
  ({ requests } = await useFreshTable());
  await Customer.objects.create({ customer_id: "sparse", name: "Sparse", email: "s@example.com" });
  const orders = Array.from({ length: SPARSE_ORDERS }, (_, i) => new Order({ customer_id: "sparse", order_id: `o${String(i).padStart(5, "0")}`, product_id: "p", quantity: 1, total: 1 }));
  await Order.objects.batchSave(orders);
}, 60_000);

/** `n` aliased pages of the sparse partition, each with its own filter that matches nothing. */
function filteredPages(n: number): string {
  return Array.from({ length: n }, (_, i) => `f${i}: orders(customer_id: "sparse", first: 1, filter: { quantity: { eq: ${1000 + i} } }) { nodes { order_id } }`).join(" ");
}

/** What the tests need of a yoga server: its in-process `fetch`. */
interface Server {
  fetch(url: string, init: RequestInit): Response | Promise<Response>;
}

async function post(yoga: Server, query: string): Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const response = await yoga.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as never };
}

describe("the cost estimate is an upper bound", () => {
  it("counts a filtered page as the 10 reads it may make: 15 aliased filtered pages are refused before any request", async () => {
    requests.reset();
    const response = await gql(`{ ${filteredPages(15)} }`);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", limit: "cost", max: 100 });
    // The estimate stops once over the limit: `actual` is how far it got.
    expect(response.errors?.[0]?.extensions?.actual).toBeGreaterThan(100);
    expect(requests.total).toBe(0);
  });

  it("accepts 10 filtered pages (100 reads) and they stay within it", async () => {
    requests.reset();
    const response = await gql(`{ ${filteredPages(10)} }`);
    expect(response.errors).toBeUndefined();
    expect(requests.total).toBeLessThanOrEqual(100);
    expect(errorCodes(await gql(`{ ${filteredPages(10)} extra: customer(customer_id: "sparse") { orders(first: 1, filter: { quantity: { eq: 7 } }) { nodes { order_id } } } }`))).toContain("LIMIT_EXCEEDED");
  });

  it("counts a page of a model with a read rule as a filtered one: it drops items and reads on", async () => {
    const ruled = graphqlClient(buildSchema({ models: [...models], relations, rules: { Order: { read: () => true } } }));
    const pages = (n: number) => Array.from({ length: n }, (_, i) => `p${i}: orders(customer_id: "sparse", first: ${i + 1}) { nodes { order_id } }`).join(" ");
    requests.reset();
    const response = await ruled(`{ ${pages(11)} }`);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", limit: "cost" });
    expect(requests.total).toBe(0);
    // The same pages without the rule are one Query each.
    expect((await gql(`{ ${pages(11)} }`)).errors).toBeUndefined();
  });
});

describe("a per-operation request budget", () => {
  // The estimate is set out of the way so the budget alone decides.
  const budgeted = graphqlClient(buildSchema({ models: [...models], relations, limits: { maxCost: 1000, maxAliases: 20, maxRequests: 30 } }));
  const pages = Array.from({ length: 15 }, (_, i) => `f${i}: customer(customer_id: "sparse") { orders(first: 1, filter: { quantity: { eq: ${1000 + i} } }) { nodes { order_id } } }`).join(" ");

  it("stops reading at the budget and answers LIMIT_EXCEEDED for the fields left", async () => {
    requests.reset();
    const response = await budgeted<{ u: { name: string } | null }>(`{ u: customer(customer_id: "sparse") { name } ${pages} }`);
    expect(requests.total).toBeLessThanOrEqual(30);
    expect(response.status).toBe(200);
    expect(response.data?.u).toEqual({ name: "Sparse" });
    // Each filtered page needs 10 reads; 30 requests finish none of the 15.
    expect(response.errors).toHaveLength(15);
    for (const error of response.errors ?? []) expect(error.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", limit: "requests", max: 30 });
  });

  it("gives every operation its own budget", async () => {
    await budgeted(`{ ${pages} }`);
    requests.reset();
    const next = await budgeted(`{ f0: customer(customer_id: "sparse") { orders(first: 1, filter: { quantity: { eq: 1 } }) { nodes { order_id } } } }`);
    expect(next.errors).toBeUndefined();
    expect(requests.total).toBeGreaterThan(0);
  });
});

describe("every operation is checked, introspection included", () => {
  const typenames = `{ ${Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(" ")} }`;
  const schemas = `{ ${Array.from({ length: 200 }, (_, i) => `s${i}: __schema { queryType { name } }`).join(" ")} }`;

  it("counts aliases inside introspection fields when the schema checks an operation", async () => {
    const nested = `{ customer(customer_id: "sparse") { name } __schema { ${Array.from({ length: 16 }, (_, i) => `a${i}: types { name }`).join(" ")} } }`;
    expect((await gql(nested)).errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", limit: "aliases", actual: 16 });
  });

  it("refuses introspection-only operations over a limit, with useStormLimits", async () => {
    const yoga = createYoga({ schema, logging: false, plugins: [useStormLimits()] });
    for (const query of [typenames, schemas]) {
      const { status, body } = await post(yoga, query);
      expect(status).toBeLessThan(500);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", limit: "aliases" });
    }
    expect((await post(yoga, `{ t: __typename }`)).body).toEqual({ data: { t: "Query" } });
  });

  it("refuses them on the example server", async () => {
    const { body } = await post(createExampleYoga(), typenames);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED" });
  });

  it("is a validation rule any server can add", () => {
    const errors = validate(schema, parse(typenames), [...specifiedRules, operationLimitsRule()]);
    expect(errors.map((e) => e.extensions.code)).toEqual(["LIMIT_EXCEEDED"]);
    expect(validate(schema, parse(`{ __schema { queryType { name } } }`), [operationLimitsRule()])).toEqual([]);
  });

  it("applies the limits the schema was built with, declared once", async () => {
    const roomy = buildSchema({ models: [...models], relations, limits: { maxAliases: 20, maxTokens: 80 } });
    const yoga = createYoga({ schema: roomy, logging: false, plugins: [useStormLimits()] });
    // 16 aliases: over the default 15, within the schema's 20.
    expect((await post(yoga, typenames)).body.errors).toBeUndefined();
    const aliases = `{ ${Array.from({ length: 21 }, (_, i) => `t${i}: __typename`).join(" ")} }`;
    const tokens = `{ ${Array.from({ length: 90 }, () => "__typename").join(" ")} }`;
    expect(validate(roomy, parse(aliases), [operationLimitsRule()]).map((e) => e.extensions.limit)).toEqual(["aliases"]);
    // Refused while parsing (graphql-js's own message), by the schema's maxTokens.
    expect((await post(yoga, tokens)).body.errors?.[0]?.message).toMatch(/contains more th\w+ 80 tokens/);
  });

  it("stays linear on fragments spread many times", () => {
    // Each fragment spreads the next twice: 2^40 paths if every spread were walked.
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { a: __typename ...F${i + 1} ...F${i + 1} }`).join(" ");
    const document = parse(`{ ...F0 } ${fragments} fragment F40 on Query { __typename }`);
    expect(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)).toHaveLength(41);
    const errors = validate(schema, document, [operationLimitsRule()]);
    expect(errors.map((e) => e.extensions)).toEqual([{ code: "LIMIT_EXCEEDED", limit: "aliases", max: 15, actual: 40 }]);
  });
});

describe("deeply nested documents are client errors, never a 500", () => {
  const nested = {
    lists: (n: number) => `{ customer(customer_id: ${"[".repeat(n)}"x"${"]".repeat(n)}) { name } }`,
    objects: (n: number) => `{ orders(customer_id: "c", filter: ${"{ a: ".repeat(n)}1${" }".repeat(n)}) { nodes { order_id } } }`,
    selections: (n: number) => `{ customer(customer_id: "c") { ${"orders { nodes { customer { ".repeat(n)} name ${"} } } ".repeat(n)} } }`,
  };

  it.each(Object.keys(nested))("refuses nested %s of 5 to 50 KB", async (kind) => {
    const servers = [createExampleYoga(), createYoga({ schema, logging: false, plugins: [useStormLimits({ maxTokens: 100_000 })] })];
    for (const yoga of servers) {
      for (const size of [5_000, 20_000, 50_000]) {
        const build = nested[kind as keyof typeof nested];
        const query = build(Math.ceil(size / build(1).length));
        const { status, body } = await post(yoga, query);
        expect(status, `${kind} of ${query.length} B`).toBeLessThan(500);
        expect(body.errors?.length).toBeGreaterThan(0);
        expect(body.errors?.map((e) => e.extensions?.code)).not.toContain("INTERNAL_SERVER_ERROR");
      }
    }
  });
});
