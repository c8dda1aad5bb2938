/**
 * DynamoDB requests per GraphQL operation: this layer (loaders + look-ahead planner) against
 * naive per-field resolvers (`batching: false`), over the example models on DynamoDB Local.
 * Prints a markdown table; exits non-zero when an answer is wrong or the two schemas disagree.
 */
import { isDeepStrictEqual } from "node:util";
import type { GraphQLSchema } from "graphql";
import { models } from "../example-server/models.js";
import { relations } from "../example-server/schema.js";
import { buildSchema } from "../src/graphql/index.js";
import { errorCodes, graphqlClient, type GraphQLResponse } from "../test/support/graphql.js";
import { RequestCounter } from "../test/support/request-counter.js";
import { withLocalTable } from "./support/local-table.js";
import { markdownTable } from "./support/markdown.js";
import { operations, type Operation } from "./support/operations.js";
import { seedShop } from "./support/shop.js";

interface Measured {
  responses: GraphQLResponse[];
  /** Command names in the order sent, e.g. ["Query", "BatchGetItem"]. */
  calls: string[];
}

async function runAll(schema: GraphQLSchema, requests: RequestCounter): Promise<Measured[]> {
  const send = graphqlClient(schema);
  const measured: Measured[] = [];
  for (const op of operations) {
    const prepared = (await op.prepare?.(send)) ?? {};
    requests.reset();
    const responses = await op.run(send, prepared);
    measured.push({ responses, calls: [...requests.calls] });
  }
  return measured;
}

/** e.g. `2 (1 Query + 1 BatchGetItem)`. */
function describeCalls(calls: readonly string[]): string {
  const byCommand = new Map<string, number>();
  for (const c of calls) byCommand.set(c, (byCommand.get(c) ?? 0) + 1);
  return `${calls.length} (${[...byCommand].map(([command, n]) => `${n} ${command}`).join(" + ")})`;
}

/** What is wrong with an operation's answers; empty when they are right. */
function problems(op: Operation, layer: Measured, naive: Measured): string[] {
  const found: string[] = [];
  const codes = layer.responses.flatMap((r) => errorCodes(r));
  if (!isDeepStrictEqual(codes, [...(op.errors ?? [])])) found.push(`error codes ${JSON.stringify(codes)}, expected ${JSON.stringify(op.errors ?? [])}`);
  if (layer.responses.some((r) => r.status >= 500)) found.push("a 5xx response");
  if (!isDeepStrictEqual(layer.responses, naive.responses)) found.push("this layer and the naive resolvers answer differently");
  return found;
}

async function main(): Promise<boolean> {
  return withLocalTable(async (client) => {
    await seedShop();
    const requests = new RequestCounter(client);
    const layer = await runAll(buildSchema({ models: [...models], relations }), requests);
    const naive = await runAll(buildSchema({ models: [...models], relations, batching: false }), requests);

    let ok = true;
    const rows = operations.map((op, i) => {
      const [l, n] = [layer[i]!, naive[i]!];
      for (const problem of problems(op, l, n)) {
        ok = false;
        console.error(`FAIL ${op.name}: ${problem}\n  this layer: ${JSON.stringify(l.responses)}\n  naive: ${JSON.stringify(n.responses)}`);
      }
      return [op.name, describeCalls(l.calls), describeCalls(n.calls), `${(n.calls.length / l.calls.length).toFixed(1)}×`];
    });
    console.log(markdownTable(["operation", "this layer (requests, by command)", "naive", "ratio"], rows));
    if (ok) console.log(`\nChecked: for all ${operations.length} operations both schemas answered alike, with the expected error codes and no others.`);
    return ok;
  });
}

process.exitCode = (await main()) ? 0 : 1;
