import { spawn, spawnSync } from "node:child_process";
import { setTimeout as delay } from "node:timers/promises";
import { Redis } from "ioredis";
import { findFreePort, LOOPBACK } from "../../src/local/port.js";

/** Whether `redis-server` is on the PATH (the Debian package `redis-server`; .ci/run installs it). */
export function hasRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"]).status === 0;
}

/**
 * A redis-server of this test file's own, on a free 127.0.0.1 port, without persistence;
 * `stop()` ends it and the clients made from it.
 */
export async function startRedis(): Promise<{ url: string; client(): Redis; stop(): Promise<void> }> {
  const port = await findFreePort();
  const server = spawn("redis-server", ["--port", String(port), "--bind", LOOPBACK, "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const clients: Redis[] = [];
  const client = () => {
    const redis = new Redis({ host: LOOPBACK, port, lazyConnect: false, maxRetriesPerRequest: 1 });
    clients.push(redis);
    return redis;
  };
  const probe = new Redis({ host: LOOPBACK, port, lazyConnect: true, retryStrategy: () => null });
  // Refused connections before the server listens reject connect(), handled below; without a
  // listener ioredis would also report each as an "Unhandled error event".
  probe.on("error", () => {});
  for (let attempt = 0; ; attempt++) {
    try {
      await probe.connect();
      await probe.ping();
      break;
    } catch (error) {
      if (attempt >= 50 || server.exitCode !== null) throw new Error(`redis-server did not answer on port ${port}`, { cause: error });
      await delay(100);
    }
  }
  probe.disconnect();
  return {
    url: `redis://${LOOPBACK}:${port}`,
    client,
    async stop() {
      for (const c of clients) c.disconnect();
      server.kill("SIGTERM");
      await exited;
    },
  };
}
