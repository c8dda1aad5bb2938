// `npm start`: the example server, ready with no configuration. See config.ts for the settings.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { signToken } from "./auth.js";
import { loadConfig } from "./config.js";
import { connect, prepareTable, type Database } from "./database.js";
import { startChangeFeed } from "./changes.js";
import { curlCommand } from "./example-query.js";
import { createServer, type ExampleYoga } from "./server.js";
import type { StreamReader } from "../src/stream/index.js";

/** How long in-flight requests may take to finish once a shutdown signal arrives. */
const SHUTDOWN_GRACE_MS = 5_000;

// The AWS SDK warns at every start on Node 20 that a 2027 release will need Node 22: noise in
// a first run. Set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const started = performance.now();
let db: Database | undefined;
let server: Server | undefined;
let yoga: ExampleYoga | undefined;
let reader: StreamReader | undefined;
let stopping: Promise<never> | undefined;

try {
  const config = loadConfig();
  db = await connect(config);
  onShutdownSignal();
  const setup = config.setupTable ? await prepareTable() : undefined;
  ({ server, yoga } = createServer());
  const feed = await startChangeFeed().then(
    (started) => ((reader = started), "on (every write to the table, whoever makes it)"),
    (error: unknown) => `off: ${error instanceof Error ? error.message : String(error)}`,
  );
  await listen(server, config.port, config.host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host}:${port}/graphql`;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const adaToken = await signToken("ada");
  console.log(
    [
      `single-table-orm example server ready in ${seconds} s`,
      `  GraphiQL:  ${url}`,
      `  Health:    ${url.replace(/\/graphql$/, "/health")} (liveness), /ready (DynamoDB table)`,
      `  DynamoDB:  ${db.startedLocal ? `DynamoDB Local at ${db.endpoint} (in memory, stops with the server)` : db.endpoint}`,
      `  Table:     ${config.tableName}${describeSetup(setup)}`,
      `  Subscriptions: ${feed}`,
      "",
      "Callers send `authorization: Bearer <JWT>` (GraphiQL's Headers pane holds an admin token).",
      "A shopper sees only their own customer and orders; with no token, only products.",
      `  Ada's token (12 h): ${adaToken}`,
      "  Others: npm run token -- <customer_id | admin>",
      "",
      "Try it:",
      `  ${curlCommand(url, adaToken)}`,
      "",
      "Ctrl+C stops the server.",
    ].join("\n"),
  );
} catch (error) {
  // Configuration and missing-Java errors say what to do; their stack would only hide that.
  console.error(`The example server could not start: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.DEBUG) console.error(error);
  await stop(1);
}

function describeSetup(setup: Awaited<ReturnType<typeof prepareTable>> | undefined): string {
  if (!setup) return " (SETUP_TABLE=false: used as it is)";
  const created = setup.created ? "created" : "existing";
  return setup.seeded ? ` (${created}, seeded with example data)` : ` (${created}, already holds data: not seeded)`;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/**
 * Stops accepting connections, lets requests in flight finish (for up to 5 s), then stops what
 * `connect` started (DynamoDB Local, when it was this process's) and exits.
 */
function stop(exitCode = 0): Promise<never> {
  stopping ??= (async () => {
    if (server?.listening) {
      const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
      server.closeIdleConnections();
      const force = setTimeout(() => server!.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(force);
    }
    await reader?.stop();
    await yoga?.dispose();
    await db?.close();
    process.exit(exitCode);
  })();
  return stopping;
}

/** The first SIGINT/SIGTERM shuts down gracefully; a second one exits at once. */
function onShutdownSignal(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) {
        console.error(`${signal} again: exiting now`);
        process.exit(1);
      }
      console.log(`${signal} received: shutting down`);
      void stop();
    });
  }
}
