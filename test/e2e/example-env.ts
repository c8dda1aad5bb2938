import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { table, type OperationCost } from "../../src/index.js";
import { signToken } from "../../example-server/auth.js";
import { prepareTable } from "../../example-server/database.js";
import { createServer, type ExampleYoga } from "../../example-server/server.js";
import { localClient } from "../support/dynamo.js";

export interface RunningExample {
  /** e.g. `http://127.0.0.1:43210` */
  origin: string;
  yoga: ExampleYoga;
  close(): Promise<void>;
}

/**
 * The example server in this process, on a free 127.0.0.1 port, over a fresh seeded table on
 * the test run's DynamoDB Local: what `npm start` serves, minus starting DynamoDB Local.
 */
export async function startExample(): Promise<RunningExample> {
  const client = localClient();
  table.configure({ name: `example-${randomUUID()}`, client });
  await prepareTable();
  const { server, yoga } = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    yoga,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await yoga.dispose();
      client.destroy();
    },
  };
}

/** POSTs a GraphQL operation in-process as `subject` (a customer id, or the admin) and returns the parsed body. */
/** An example server's answer: its data and errors, and what the operation cost (`useStormCost`). */
export interface ExampleResponse {
  data?: any;
  errors?: any[];
  extensions?: { storm?: { cost: OperationCost } };
}

export async function graphql(yoga: ExampleYoga, query: string, variables?: Record<string, unknown>, subject = "admin"): Promise<ExampleResponse> {
  const response = await yoga.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${await signToken(subject)}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as ExampleResponse;
}
