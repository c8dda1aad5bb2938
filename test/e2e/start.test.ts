import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";
import { dynamoDBLocalProcesses, waitUntilDead } from "../support/processes.js";
import { signToken } from "../../example-server/auth.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

/** Resolves with the first match of `pattern` in the child's stdout; rejects if it exits first. */
function waitForOutput(proc: ChildProcess, pattern: RegExp, output: { text: string }): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const onData = () => {
      const match = pattern.exec(output.text);
      if (match) {
        proc.stdout!.off("data", onData);
        resolve(match);
      }
    };
    proc.stdout!.on("data", onData);
    proc.once("exit", (code, signal) => reject(new Error(`exited (${signal ?? code}) before printing ${pattern}:\n${output.text}`)));
  });
}

it("`npm start` with no configuration: DynamoDB Local, seeded table, answers within 60 s, stops cleanly", async () => {
  const started = Date.now();
  // What `npm start` runs (`tsx example-server/main.ts`), with no DynamoDB endpoint so it
  // starts its own DynamoDB Local, and port 0 so it cannot collide with anything.
  const env = { ...process.env, PORT: "0", DYNAMODB_ENDPOINT: "", DB_TABLE_NAME: "" };
  child = spawn(tsx, ["example-server/main.ts"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  const output = { text: "" };
  child.stdout!.on("data", (chunk: Buffer) => (output.text += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output.text += chunk.toString()));

  const [, url] = await waitForOutput(child, /GraphiQL:\s+(http:\/\/\S+\/graphql)/, output);
  const dynamoPort = Number(/DynamoDB Local at http:\/\/127\.0\.0\.1:(\d+)/.exec(output.text)?.[1]);
  expect(dynamoPort).toBeGreaterThan(0);
  expect(output.text).toContain("seeded with example data");
  expect(output.text).toContain("curl -s");

  const health = await fetch(url!.replace(/\/graphql$/, "/health"));
  expect(health.status).toBe(200);
  const ready = await fetch(url!.replace(/\/graphql$/, "/ready"));
  expect(await ready.json()).toMatchObject({ ready: true, table: "storm-example", tableStatus: "ACTIVE" });

  const response = await fetch(url!, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${await signToken("ada")}` },
    body: JSON.stringify({ query: '{ customer(customer_id: "ada") { name orders(first: 2) { edges { node { order_id product { name } } } } } }' }),
  });
  const body = (await response.json()) as { data?: { customer: { name: string; orders: { edges: unknown[] } } } };
  expect(body.data?.customer.name).toBe("Ada Lovelace");
  expect(body.data?.customer.orders.edges).toHaveLength(2);
  const firstAnswerMs = Date.now() - started;
  console.log(`npm start: first answer after ${(firstAnswerMs / 1000).toFixed(1)} s`);
  expect(firstAnswerMs).toBeLessThan(60_000);

  const javaPids = dynamoDBLocalProcesses(dynamoPort).map((p) => p.pid);
  expect(javaPids.length).toBeGreaterThan(0);
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(output.text).toContain("SIGTERM received: shutting down");
  for (const pid of javaPids) expect(await waitUntilDead(pid)).toBe(true);
  expect(dynamoDBLocalProcesses(dynamoPort)).toEqual([]);
}, 90_000);
