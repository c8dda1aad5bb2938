import { createYoga } from "graphql-yoga";
import { beforeAll, describe, expect, it } from "vitest";
import { Customer, models, Order, Product } from "../../example-server/models.js";
import { relations } from "../../example-server/schema.js";
import { buildSchema } from "../../src/graphql/index.js";
import { RequestLimitExceeded, withLoaders, type OperationCost } from "../../src/index.js";
import type { OperationLimits } from "../../src/graphql/limits/limits.js";
import { useStormCost, type StormCostOptions } from "../../src/yoga/index.js";
import type { RequestCounter } from "../support/request-counter.js";
import { useFreshTable } from "../support/storm.js";

const ORDERS = 5;
let requests: RequestCounter;

beforeAll(async () => {
  ({ requests } = await useFreshTable());
  await Customer.objects.create({ customer_id: "c1", name: "Ada", email: "ada@example.com" });
  await Customer.objects.create({ customer_id: "c2", name: "Bob", email: "bob@example.com" });
  await Order.objects.batchSave(Array.from({ length: ORDERS }, (_, i) => new Order({ customer_id: "c1", order_id: `o${i}`, product_id: `p${i % 2}`, quantity: 1, total: 2 })));
  await Product.objects.batchSave([0, 1].map((i) => new Product({ product_id: `p${i}`, category: "BOOKS", name: `P${i}`, price: 2 })));
});

interface CostResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: { storm?: { cost: OperationCost } };
}

/** A yoga server over the example models with `useStormCost(options)`, called through `yoga.fetch`. */
function server(options: StormCostOptions, limits: Partial<OperationLimits> = {}) {
  const yoga = createYoga({ schema: buildSchema({ models: [...models], relations, limits }), maskedErrors: true, logging: false, plugins: [useStormCost(options)] });
  return async (query: string, operationName?: string): Promise<CostResponse> => {
    const response = await yoga.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, operationName }) });
    return (await response.json()) as CostResponse;
  };
}

/** The counter's requests by command. */
function countedByCommand(): Record<string, number> {
  return Object.fromEntries([...new Set(requests.calls)].map((command) => [command, requests.count(command)]));
}

describe("useStormCost: what each operation really cost, in extensions.storm.cost", () => {
  const gql = server({ extensions: true });

  it("counts the requests by command exactly as sent, with the capacity DynamoDB reports and the items it read", async () => {
    requests.reset();
    const response = await gql(`{ customer(customer_id: "c1") { name orders(first: 10) { nodes { order_id product { name } } } } }`);
    expect(response.errors).toBeUndefined();
    const cost = response.extensions!.storm!.cost;
    expect(requests.total).toBeGreaterThan(1);
    expect(cost.requests).toBe(requests.total);
    expect(cost.requestsByCommand).toEqual(countedByCommand());
    expect(cost.readCapacity).toBeGreaterThan(0);
    expect(cost.writeCapacity).toBe(0);
    // The customer, its orders and their two products.
    expect(cost.itemsRead).toBe(1 + ORDERS + 2);
    expect(cost.dynamoMs).toBeGreaterThan(0);
  });

  it("counts a mutation's write capacity", async () => {
    requests.reset();
    const response = await gql(`mutation { updateCustomer(key: { customer_id: "c2" }, input: { name: "Bobby" }) { name } }`);
    expect(response.errors).toBeUndefined();
    const cost = response.extensions!.storm!.cost;
    expect(cost.requestsByCommand).toEqual(countedByCommand());
    expect(cost.writeCapacity).toBeGreaterThan(0);
  });

  it("reports a zero cost for an operation that sent nothing", async () => {
    requests.reset();
    const response = await gql(`{ __typename }`);
    expect(response.extensions?.storm?.cost).toMatchObject({ requests: 0, readCapacity: 0, itemsRead: 0 });
    expect(requests.total).toBe(0);
  });

  it("adds nothing to the response when switched off", async () => {
    const off = server({ extensions: false });
    const response = await off(`{ customer(customer_id: "c1") { name } }`);
    expect(response.data).toEqual({ customer: { name: "Ada" } });
    expect(response.extensions).toBeUndefined();
  });
});

describe("useStormCost's log hook", () => {
  it("is called once per operation with its totals and name", async () => {
    const logged: [OperationCost, string | null][] = [];
    const gql = server({ extensions: false, log: (cost, name) => logged.push([cost, name]) });
    requests.reset();
    await gql(`query Ada { customer(customer_id: "c1") { name } }`, "Ada");
    const afterFirst = requests.total;
    await gql(`{ a: customer(customer_id: "c1") { name } b: customer(customer_id: "c2") { name } }`);
    expect(logged.map(([, name]) => name)).toEqual(["Ada", null]);
    expect(logged[0]![0].requests).toBe(afterFirst);
    expect(logged[1]![0].requests).toBe(requests.total - afterFirst);
    expect(logged[1]![0].itemsRead).toBe(2);
  });
});

describe("a budget in capacity units (limits.maxReadCapacity)", () => {
  // DynamoDB Local charges nothing for a Query that finds nothing: each partition holds an order.
  const partitions = ["k1", "k2", "k3"];
  beforeAll(async () => {
    await Order.objects.batchSave(partitions.map((id) => new Order({ customer_id: id, order_id: "o1", product_id: "p0", quantity: 1, total: 2 })));
  });

  it("answers LIMIT_EXCEEDED once a response takes the consumed read capacity past it", async () => {
    // Each page is a Query of its own partition, half a unit each: three take 1.5 units.
    const gql = server({ extensions: true }, { maxReadCapacity: 1 });
    const pages = partitions.map((id, i) => `p${i}: orders(customer_id: "${id}", first: 10) { nodes { order_id } }`).join(" ");
    requests.reset();
    const response = await gql(`{ ${pages} }`);
    const limited = (response.errors ?? []).filter((e) => e.extensions?.code === "LIMIT_EXCEEDED");
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.extensions).toMatchObject({ limit: "readCapacity", max: 1 });
    const cost = response.extensions!.storm!.cost;
    expect(cost.readCapacity).toBeGreaterThan(1);
    expect(cost.requests).toBe(requests.total);
  });

  it("sends nothing once a response took the capacity past it (ORM loaders)", async () => {
    requests.reset();
    await withLoaders(async (loaders) => {
      await expect(Order.objects.using({ customer_id: "k1" }).all()).rejects.toMatchObject({ limit: "readCapacity", max: 0.4 });
      await expect(Customer.objects.find({ customer_id: "c1" })).rejects.toBeInstanceOf(RequestLimitExceeded);
      expect(loaders.cost).toMatchObject({ requests: 1, readCapacity: 0.5 });
    }, { maxReadCapacity: 0.4 });
    expect(requests.total).toBe(1);
  });

  it("answers a write that took the write capacity past it (it happened), and refuses the next", async () => {
    requests.reset();
    const order = (id: string) => ({ customer_id: "k1", order_id: id, product_id: "p0", quantity: 1, total: 2 });
    await withLoaders(async (loaders) => {
      const written = await Order.objects.create(order("w1"));
      expect(written.order_id).toBe("w1");
      await expect(Order.objects.create(order("w2"))).rejects.toMatchObject({ limit: "writeCapacity", max: 0.5 });
      expect(loaders.cost).toMatchObject({ requests: 1, writeCapacity: 1 });
    }, { maxWriteCapacity: 0.5 });
    expect(requests.total).toBe(1);
    expect(await Order.objects.find({ customer_id: "k1", order_id: "w1" })).not.toBeNull();
    expect(await Order.objects.find({ customer_id: "k1", order_id: "w2" })).toBeNull();
  });

  it("lets the same operation run under a larger capacity budget", async () => {
    const gql = server({ extensions: true }, { maxReadCapacity: 100 });
    const pages = partitions.map((id, i) => `p${i}: orders(customer_id: "${id}", first: 10) { nodes { order_id } }`).join(" ");
    const response = await gql(`{ ${pages} }`);
    expect(response.errors).toBeUndefined();
    expect(response.extensions!.storm!.cost.readCapacity).toBe(1.5);
  });
});
