import { ScanCommand, type AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { createYoga } from "graphql-yoga";
import { beforeAll, describe, expect, it } from "vitest";
import { relations } from "../../example-server/schema.js";
import { Customer, models, Order, Product } from "../../example-server/models.js";
import { belongsTo, buildSchema } from "../../src/graphql/index.js";
import { defineModel, field } from "../../src/index.js";
import { useStormLimits } from "../../src/yoga/index.js";
import { fuzzRequest, type FuzzRequest, type Pools } from "../support/fuzz/documents.js";
import { explore, type FuzzFailure } from "../support/fuzz/explore.js";
import { inspectResponse, type Violation } from "../support/fuzz/oracle.js";
import { forgeries, toJson } from "../support/fuzz/values.js";
import { useFreshTable } from "../support/storm.js";

/**
 * Thousands of random requests written from the schema (valid and invalid documents and
 * variables, hostile values) against `createYoga({ schema, plugins: [useStormLimits()] })`
 * over DynamoDB Local: the setup the docs give. A bare yoga without the plugin answers a
 * document nested ~2,000 levels deep with a 500, because graphql-js's parser runs out of
 * stack before the schema sees anything (docs/graphql.md, Security → Limits).
 * Every response must keep the promises of issue 8: no 5xx, every error of an executed
 * operation coded and none INTERNAL_SERVER_ERROR, no storage names, nothing hidden or
 * guarded; and the server answers normally afterwards.
 *
 * The seed is fixed (and logged): a run is reproducible. STORM_FUZZ_RUNS sets the number of
 * requests, STORM_FUZZ_SEED another seed, STORM_FUZZ_SECONDS the time after which no new
 * requests start (on a loaded machine fewer requests run, the file stays well under a minute).
 */
const RUNS = Number(process.env.STORM_FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.STORM_FUZZ_SEED ?? 20240508);
const SECONDS = Number(process.env.STORM_FUZZ_SECONDS ?? 20);
const CONCURRENCY = 16;

const HIDDEN_MARKER = "hidden-7f3c9e21-marker";
const GUARDED_MARKER = "guarded-5b8d04aa-marker";

/** A model as apps write them: a hidden password hash, and a field no client may read or write. */
const Member = defineModel(
  "Member",
  {
    org_id: field.string({ pk: true }),
    member_id: field.string({ sk: true }),
    customer_id: field.string(),
    name: field.string(),
    password_hash: field.string({ default: "" }),
    secret: field.string({ optional: true }),
  },
  { suffix: "MEMBER" },
);

const schema = buildSchema({
  models: [...models, Member],
  relations: { ...relations, Member: { customer: belongsTo(Customer) } },
  hide: { Member: ["password_hash"] },
  guard: { Member: { secret: () => false } },
});
const yoga = createYoga({ schema, logging: false, plugins: [useStormLimits()] });

const SENTINEL = `{ customer(customer_id: "sentinel") { name orders(first: 2) { nodes { order_id total } } } }`;
const SENTINEL_DATA = { customer: { name: "Sentinel Ada", orders: { nodes: [{ order_id: "s1", total: 12.5 }] } } };

let env: Awaited<ReturnType<typeof useFreshTable>>;
let pools: Pools;

async function send(request: FuzzRequest): Promise<{ status: number; text: string; requestText: string }> {
  const requestText = request.rawBody ?? toJson({ query: request.query, variables: request.variables });
  const response = await yoga.fetch("http://localhost/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: requestText });
  return { status: response.status, text: await response.text(), requestText };
}

async function check(request: FuzzRequest): Promise<Violation[]> {
  const response = await send(request);
  return inspectResponse(request.query, response.requestText, response, { markers: [HIDDEN_MARKER, GUARDED_MARKER], tableName: env.name });
}

async function seed(): Promise<void> {
  await Customer.objects.create({ customer_id: "sentinel", name: "Sentinel Ada", email: "s@example.com" });
  await Order.objects.create({ customer_id: "sentinel", order_id: "s1", product_id: "p1", quantity: 1, total: 12.5 });
  for (const c of ["c1", "c2", "c3"]) {
    await Customer.objects.create({ customer_id: c, name: `Customer ${c}`, email: `${c}@example.com`, address: { street: "1 Road", city: "Paris", postcode: "75001", country: "FR" } });
    for (let i = 1; i <= 4; i++) await Order.objects.create({ customer_id: c, order_id: `o${i}`, product_id: `p${i}`, quantity: i, total: i * 10, tags: ["gift"] });
  }
  const categories = ["BOOKS", "KITCHEN", "OUTDOOR", "TOYS"] as const;
  for (let i = 1; i <= 4; i++) await Product.objects.create({ product_id: `p${i}`, category: categories[i % 4]!, name: `Product ${i}`, price: i * 2.5 });
  for (const m of ["m1", "m2", "m3"]) {
    await Member.objects.create({ org_id: "org1", member_id: m, customer_id: "c1", name: `Member ${m}`, password_hash: HIDDEN_MARKER, secret: GUARDED_MARKER });
  }
}

/** Real ids and cursors from the seeded items, for the generator to send as they are and forged. */
async function realTokens(): Promise<string[]> {
  const { text } = await send({
    query: `{ customer(customer_id: "c1") { id orders(first: 2) { edges { cursor node { id } } pageInfo { endCursor } } }
      members(org_id: "org1", first: 1) { edges { cursor node { id } } } product(product_id: "p1") { id } }`,
  });
  return [...text.matchAll(/"(?:id|cursor|endCursor)":"([^"]+)"/g)].map((m) => m[1]!);
}

/** Long runs written once with their count, so that a counterexample of 2,000 brackets stays readable. */
function abbreviate(text: string): string {
  return text.replace(/(.{1,8}?)\1{9,}/gs, (run: string, unit: string) => `(${unit})×${run.length / unit.length}`).slice(0, 1500);
}

function describeFailure({ kind, count, shrunk, violation, example }: FuzzFailure<FuzzRequest>): string {
  const request = example.rawBody !== undefined ? `  body: ${abbreviate(example.rawBody)}` : `  query: ${abbreviate(String(example.query))}\n  variables: ${abbreviate(toJson(example.variables))}`;
  return [`${kind} (${count} times${shrunk ? ", shrunk" : ""})`, `  seen: ${violation.detail.slice(0, 400)}`, request].join("\n");
}

beforeAll(async () => {
  env = await useFreshTable();
  await seed();
  const tokens = await realTokens();
  pools = {
    // Keys of seeded items by name, so that reads and writes reach them (the members' secrets too).
    strings: {
      customer_id: ["c1", "c2", "c3"],
      order_id: ["o1", "o2", "o4"],
      product_id: ["p1", "p2"],
      org_id: ["org1"],
      member_id: ["m1", "m2", "m3"],
      "*": ["c1", "o1", "p1", "org1", "m1", "gift", "Customer c1", "BOOKS"],
    },
    ids: [...tokens, ...forgeries(tokens)],
    cursors: [...tokens, ...forgeries(tokens)],
  };
}, 60_000);

describe("fuzzed requests from the schema", () => {
  it("keep every promise, whatever the document, variables and values", async () => {
    const started = Date.now();
    const { checked, failures } = await explore(fuzzRequest(schema, pools), check, {
      seed: SEED,
      numRuns: RUNS,
      concurrency: CONCURRENCY,
      timeLimitMs: SECONDS * 1000,
      shrinkTimeMs: 1500,
      maxShrunk: 8,
    });
    console.info(`fuzz: seed ${SEED}, ${checked} of ${RUNS} requests checked, ${failures.length} kinds of failure, ${Date.now() - started} ms with shrinking`);
    expect(failures.map(describeFailure).join("\n\n")).toBe("");
    // Past the exploring time: shrinking up to 8 kinds of failure, 1.5 s each.
  }, (SECONDS + 60) * 1000);

  it("leave the server answering normally, and no hidden or guarded value written by a client", async () => {
    const { status, text } = await send({ query: SENTINEL });
    expect(status).toBe(200);
    expect(JSON.parse(text)).toEqual({ data: SENTINEL_DATA });
    const members: Record<string, unknown>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await env.client.send(new ScanCommand({ TableName: env.name, ExclusiveStartKey: start }));
      members.push(...(page.Items ?? []).map((item) => unmarshall(item)).filter((item) => item._type === "Member"));
      start = page.LastEvaluatedKey;
    } while (start);
    const seeded = (m: Record<string, unknown>) => m.org_id === "org1" && ["m1", "m2", "m3"].includes(String(m.member_id));
    // Seeded members keep their values; members clients created (a seeded key deleted and
    // created again included) have the defaults: no client set either field.
    const created = { hash: "", secret: undefined };
    for (const m of members) {
      const allowed = seeded(m) ? [{ hash: HIDDEN_MARKER, secret: GUARDED_MARKER }, created] : [created];
      expect(allowed).toContainEqual({ hash: m.password_hash, secret: m.secret });
    }
  });
});
