import { createServer } from "node:net";

export const LOOPBACK = "127.0.0.1";

/**
 * Asks the OS for a free port by binding port 0 and closing again. Another
 * process can take the port before DynamoDB Local binds it, so callers must
 * be ready to retry (see `isAddressInUse`).
 */
export function findFreePort(host = LOOPBACK): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : undefined;
      server.close(() => (port === undefined ? reject(new Error("could not read the bound port")) : resolve(port)));
    });
  });
}

/** True when `port` can be bound on `host` right now. */
export function isPortFree(port: number, host = LOOPBACK): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") resolve(false);
      else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** DynamoDB Local (Jetty) exits with this in its stderr when the port is taken. */
export function isAddressInUse(stderr: string): boolean {
  return /Address already in use|Failed to bind/i.test(stderr);
}
