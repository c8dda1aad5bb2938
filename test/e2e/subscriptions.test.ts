import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { signToken } from "../../example-server/auth.js";
import { startChangeFeed } from "../../example-server/changes.js";
import { prepareTable } from "../../example-server/database.js";
import { Order } from "../../example-server/models.js";
import { createExampleYoga } from "../../example-server/yoga.js";
import type { StreamReader } from "../../src/stream/index.js";
import { blockAfter, readme } from "../support/readme.js";
import { subscribe } from "../support/sse.js";
import { useFreshTable } from "../support/storm.js";

/** The example server's subscriptions, as the README shows them, with its callers' rules. */

let reader: StreamReader;
const yoga = createExampleYoga();

beforeAll(async () => {
  await useFreshTable();
  await prepareTable();
  reader = await startChangeFeed();
});

afterAll(async () => {
  await reader.stop();
});

const bearer = async (subject: string) => ({ authorization: `Bearer ${await signToken(subject)}` });

it("orderChanged: a shopper's subscription (customer_id from their token) sees writes to their order, whoever makes them; another customer's orders stay unseen", async () => {
  const query = `subscription { orderChanged(order_id: "ord-9001") { kind node { status product { name } } previous { status } } }`;
  const ada = await subscribe(yoga, query, {}, await bearer("ada"));
  const grace = await subscribe(yoga, `subscription { ordersChanged(customer_id: "ada") { kind } }`, {}, await bearer("grace"));
  const order = await Order.objects.create({ customer_id: "ada", order_id: "ord-9001", product_id: "book-dune", quantity: 1, total: 12 });
  await order.update({ status: "PAID" });
  await ada.waitFor(2);
  await delay(100);
  await Promise.all([ada.close(), grace.close()]);
  const product = { name: "Dune" };
  expect(ada.received.map((e) => e.data)).toEqual([
    { orderChanged: { kind: "CREATED", node: { status: "PENDING", product }, previous: null } },
    { orderChanged: { kind: "UPDATED", node: { status: "PAID", product }, previous: { status: "PENDING" } } },
  ]);
  expect(grace.received).toEqual([]);
});

it("the README's subscription receives the README's mutation, as the README says", async () => {
  const admin = await bearer("admin");
  const sse = await subscribe(yoga, blockAfter("readme-subscription"), {}, admin);
  const response = await yoga.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json", ...admin }, body: JSON.stringify({ query: blockAfter("readme-mutation") }) });
  expect(await response.json()).toMatchObject({ data: { updateOrder: { status: "SHIPPED" } } });
  await sse.waitFor(1);
  await sse.close();
  expect(sse.received[0]?.data).toMatchObject({ orderChanged: { kind: "UPDATED", node: { status: "SHIPPED" }, previous: { status: "PENDING" } } });
  expect(readme).toContain('"previous": { "status": "PENDING" }');
});
