import { randomUUID } from "node:crypto";
import { DynamoDBClient, GetItemCommand, QueryCommand, ResourceNotFoundException } from "@aws-sdk/client-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { DynamoDBError, defineModel, field, table, withLoaders, type InstanceOf } from "../../src/index.js";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../src/local/index.js";
import { readAllPages } from "../../src/ops/read/query.js";
import { localClient } from "../support/dynamo.js";
import { useFreshTable } from "../support/storm.js";

/** Every kind of attribute value DynamoDB has: S, N, BOOL at the top; NULL, SS, NS, B, BS, L and M inside. */
const Blob = defineModel("Blob", {
  owner: field.string({ pk: true }),
  blob_id: field.string({ sk: true }),
  name: field.string(),
  size: field.number(),
  public: field.boolean(),
  data: field.json(),
  parts: field.list(),
});

const bytes = (...values: number[]) => new Uint8Array(values);
const BLOBS = 5;
const blobInput = (i: number) => ({
  owner: "o1",
  blob_id: `b${i}`,
  name: `blob ${i}`,
  size: i * 1.5,
  public: i % 2 === 0,
  data: {
    digest: bytes(i, 0, 255, 128),
    chunks: new Set([bytes(1, i), bytes(2, i)]),
    tags: new Set(["a", `t${i}`]),
    sizes: new Set([1, i + 2]),
    none: null,
    nested: { parts: [bytes(9, i), { deep: bytes(7, 7, i) }], label: "x" },
  },
  parts: [bytes(i), "text", 3, true, null, { inner: bytes(5, i) }, [bytes(6, i)]],
});

let env: Awaited<ReturnType<typeof useFreshTable>>;
let stored: InstanceOf<typeof Blob>[];

/**
 * The sizes of the bodies the SDK's deserializer was handed, one per response: a probe right
 * inside the deserializer sees what it then reads (-1: a stream it would collect and parse).
 */
function bodiesDeserialized(client: DynamoDBClient): number[] {
  const sizes: number[] = [];
  const probe = (next: (args: object) => Promise<{ response: unknown }>) => async (args: object) => {
    const result = await next(args);
    const { body } = result.response as { body?: unknown };
    sizes.push(body instanceof Uint8Array ? body.byteLength : -1);
    return result;
  };
  type Middleware = Parameters<DynamoDBClient["middlewareStack"]["addRelativeTo"]>[0];
  client.middlewareStack.addRelativeTo(probe as Middleware, { relation: "after", toMiddleware: "deserializerMiddleware", name: `bodyProbe-${randomUUID()}` });
  return sizes;
}

type HttpAnswer = { response: { statusCode: number; headers: Record<string, string>; body: unknown } };

/** A client of the test DynamoDB whose HTTP answers `rewrite` may change (by operation, from `x-amz-target`; a string body is sent as it is). */
function rewritingClient(rewrite: (operation: string, status: number, body: Record<string, unknown>) => { status: number; body: unknown }): DynamoDBClient {
  const inner = localClient().config.requestHandler;
  return new DynamoDBClient({
    endpoint: inject("dynamoEndpoint"),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    requestHandler: {
      async handle(request: { headers: Record<string, string> }, options?: object): Promise<HttpAnswer> {
        const { response } = (await inner.handle(request as never, options)) as HttpAnswer;
        const chunks: Buffer[] = [];
        for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(chunk);
        const operation = request.headers["x-amz-target"]!.split(".")[1]!;
        const answer = rewrite(operation, response.statusCode, JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>);
        const { "content-length": _length, ...headers } = response.headers;
        return { response: { statusCode: answer.status, headers, body: new TextEncoder().encode(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body)) } };
      },
    },
  });
}

/** What a read gives back, compared field by field with what was saved. */
function expectSame(got: InstanceOf<typeof Blob> | null, want: InstanceOf<typeof Blob>): void {
  expect(got).not.toBeNull();
  for (const name of ["owner", "blob_id", "name", "size", "public", "data", "parts"] as const) expect(got![name]).toEqual(want[name]);
  // The SDK gives binary as plain Uint8Array; so must a body parsed by us.
  expect(Object.getPrototypeOf(got!.data.digest)).toBe(Uint8Array.prototype);
}

beforeAll(async () => {
  env = await useFreshTable();
  stored = [];
  for (let i = 0; i < BLOBS; i++) stored.push(await Blob.objects.create(blobInput(i)));
});

beforeEach(() => {
  table.configure({ client: env.client });
  env.requests.reset();
});

describe("reads parsed from the HTTP body", () => {
  it("reads every attribute kind back through get, query pages and batch get, the SDK deserializer handed empty bodies", async () => {
    const seen = bodiesDeserialized(env.client);
    expectSame(await Blob.objects.get({ owner: "o1", blob_id: "b3" }), stored[3]!);
    expect(seen).toEqual([0]);

    // Pages of 2: each next page starts at the LastEvaluatedKey read from the previous body.
    seen.length = 0;
    const { items } = await readAllPages({ ...Blob.objects.using({ owner: "o1" }).getQuery(), Limit: 2 }, undefined);
    expect(items.map((item) => item.blob_id)).toEqual(stored.map((blob) => blob.blob_id));
    expect(env.requests.count("Query")).toBe(3);
    expect(seen).toEqual([0, 0, 0]);
    const all = await Blob.objects.using({ owner: "o1" }).all();
    all.forEach((blob, i) => expectSame(blob, stored[i]!));

    seen.length = 0;
    env.requests.reset();
    const batch = await withLoaders(() => Promise.all(stored.map((blob) => Blob.objects.get({ owner: "o1", blob_id: blob.blob_id }))));
    batch.forEach((blob, i) => expectSame(blob, stored[i]!));
    expect(env.requests.calls).toEqual(["BatchGetItem"]);
    expect(seen).toEqual([0]);

    // A read not sent by the library is the SDK's to parse.
    seen.length = 0;
    await env.client.send(new GetItemCommand({ TableName: table.name, Key: { PK: { S: stored[0]!.getPk() }, SK: { S: stored[0]!.getSk() } } }));
    expect(seen).toEqual([-1]);
  });

  it("retries the UnprocessedKeys of a parsed body, decoded as the SDK's", async () => {
    let left: unknown;
    const client = rewritingClient((operation, status, body) => {
      if (operation !== "BatchGetItem" || left) return { status, body };
      // Leave the first item's key unprocessed, as DynamoDB does under load.
      const responses = body.Responses as Record<string, { PK: { S: string }; SK: { S: string } }[]>;
      const [first, ...rest] = responses[table.name]!;
      left = { [table.name]: { Keys: [{ PK: first!.PK, SK: first!.SK }] } };
      return { status, body: { ...body, Responses: { [table.name]: rest }, UnprocessedKeys: left } };
    });
    const requests: string[] = [];
    client.middlewareStack.add((next, context) => (args) => (requests.push(String(context.commandName)), next(args)), { step: "initialize" });
    const seen = bodiesDeserialized(client);
    const got = await table.context({ client }, () => withLoaders(() => Promise.all(stored.map((blob) => Blob.objects.get({ owner: "o1", blob_id: blob.blob_id }))), { retry: { baseDelayMs: 1 } }));
    got.forEach((blob, i) => expectSame(blob, stored[i]!));
    expect(left).toBeDefined();
    expect(requests).toEqual(["BatchGetItemCommand", "GetItemCommand"]);
    expect(seen).toEqual([0, 0]);
  });

  it("leaves error answers to the SDK: typed exceptions, and retries of server errors", async () => {
    const seen = bodiesDeserialized(env.client);
    const failed = await table.context({ name: `missing-${randomUUID()}` }, () => Blob.objects.using({ owner: "o1" }).all()).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(DynamoDBError);
    expect((failed as DynamoDBError).cause).toBeInstanceOf(ResourceNotFoundException);
    expect(seen).toEqual([-1]);

    let failures = 0;
    const flaky = rewritingClient((_operation, status, body) =>
      failures++ === 0 ? { status: 500, body: { __type: "com.amazonaws.dynamodb.v20120810#InternalServerError", message: "try again" } } : { status, body },
    );
    const flakySeen = bodiesDeserialized(flaky);
    expectSame(await table.context({ client: flaky }, () => Blob.objects.get({ owner: "o1", blob_id: "b1" })), stored[1]!);
    expect(failures).toBe(2);
    // The 500 reached the SDK as it was (its retry then got the item), the 200 was ours.
    expect(flakySeen).toEqual([expect.any(Number), 0]);
    expect(flakySeen[0]).toBeGreaterThan(0);

    // A 200 whose body is not JSON fails as the SDK fails it, the raw response kept on the error.
    const garbled = rewritingClient((_operation, status) => ({ status, body: "{not json" }));
    const broken = await table.context({ client: garbled }, () => Blob.objects.get({ owner: "o1", blob_id: "b1" })).catch((error: unknown) => error);
    expect(broken).toBeInstanceOf(DynamoDBError);
    expect((broken as DynamoDBError).cause).toHaveProperty("$response");
  });

  it("equips a client configured later, once, however many reads it sends", async () => {
    const later = localClient();
    expect(later.middlewareStack.identify().some((name) => name.startsWith("stormRawBody"))).toBe(false);
    const seen = bodiesDeserialized(later);
    await table.context({ client: later }, async () => {
      expectSame(await Blob.objects.get({ owner: "o1", blob_id: "b2" }), stored[2]!);
      expect((await Blob.objects.using({ owner: "o1" }).all()).length).toBe(BLOBS);
    });
    expect(later.middlewareStack.identify().filter((name) => name.startsWith("stormRawBody"))).toHaveLength(1);
    expect(seen).toEqual([0, 0]);
  });

  it("parses bodies itself on a cacheMiddleware client first used by the library, concurrent reads each answered with its own", async () => {
    const cached = new DynamoDBClient({ endpoint: inject("dynamoEndpoint"), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, cacheMiddleware: true });
    const seen = bodiesDeserialized(cached);
    // The SDK shares one resolved handler (and its context) among every GetItem of the client: sent all at once, no answer may reach another read.
    const rounds = 4;
    const got = await table.context({ client: cached }, () =>
      Promise.all(Array.from({ length: rounds }, () => Promise.all(stored.map((blob) => Blob.objects.get({ owner: "o1", blob_id: blob.blob_id }))))),
    );
    for (const round of got) round.forEach((blob, i) => expectSame(blob, stored[i]!));
    const pages = await table.context({ client: cached }, () => Promise.all([Blob.objects.using({ owner: "o1" }).all(), Blob.objects.using({ owner: "nobody" }).all()]));
    pages[0].forEach((blob, i) => expectSame(blob, stored[i]!));
    expect(pages[1]).toEqual([]);
    expect(seen).toEqual(Array.from({ length: rounds * BLOBS + 2 }, () => 0));
  });

  it("reads the SDK's output where the middleware cannot run: a mocked send, handlers cached before", async () => {
    const mocked = new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const mock = mockClient(mocked);
    try {
      mock.on(GetItemCommand).resolves({ Item: Blob.objects.getSaveQuery(stored[4]!).Item });
      mock.on(QueryCommand).resolves({ Items: stored.map((blob) => Blob.objects.getSaveQuery(blob).Item!) });
      await table.context({ client: mocked }, async () => {
        expectSame(await Blob.objects.get({ owner: "o1", blob_id: "b4" }), stored[4]!);
        (await Blob.objects.using({ owner: "o1" }).all()).forEach((blob, i) => expectSame(blob, stored[i]!));
      });
    } finally {
      mock.restore();
    }

    const cached = new DynamoDBClient({ endpoint: inject("dynamoEndpoint"), region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, cacheMiddleware: true });
    await cached.send(new QueryCommand({ TableName: table.name, KeyConditionExpression: "PK = :pk", ExpressionAttributeValues: { ":pk": { S: "none" } } }));
    const seen = bodiesDeserialized(cached);
    const all = await table.context({ client: cached }, () => Blob.objects.using({ owner: "o1" }).all());
    all.forEach((blob, i) => expectSame(blob, stored[i]!));
    // The probe was added after the Query handler was cached: it is not in it either.
    expect(seen).toEqual([]);
  });
});
