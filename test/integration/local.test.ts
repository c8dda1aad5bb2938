import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  JAVA_REQUIRED_MESSAGE,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDBLocal,
  type DynamoDBLocal,
} from "../../src/local/index.js";
import { launch, PortInUseError } from "../../src/local/launch.js";
import { createTestTable, localClient } from "../support/dynamo.js";
import { dynamoDBLocalProcesses, isAlive, waitUntilDead } from "../support/processes.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const childScript = fileURLToPath(new URL("./fixtures/start-local-child.ts", import.meta.url));

function clientFor(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

function portOf(endpoint: string): number {
  return Number(new URL(endpoint).port);
}

/** Resolves with the connection error code, or "connected". */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe("global setup", () => {
  it("provides an endpoint that answers, and createTestTable makes the single-table layout", async () => {
    expect(inject("dynamoEndpoint")).toMatch(/^https?:\/\//);
    const client = localClient();
    try {
      const name = await createTestTable(client);
      expect(name).toMatch(/^test-/);
      const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
      expect(Table?.TableStatus).toBe("ACTIVE");
      expect(Table?.KeySchema).toEqual([
        { AttributeName: "PK", KeyType: "HASH" },
        { AttributeName: "SK", KeyType: "RANGE" },
      ]);
      expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({
        IndexName: "GSI1",
        KeySchema: [
          { AttributeName: "GSI1PK", KeyType: "HASH" },
          { AttributeName: "SK", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      });
      expect(Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
    } finally {
      client.destroy();
    }
  });
});

describe("startDynamoDBLocal", () => {
  let local: DynamoDBLocal;
  let port: number;

  beforeAll(async () => {
    local = await startDynamoDBLocal();
    port = portOf(local.endpoint);
  });
  afterAll(() => local?.stop());

  it("starts a second instance on a free 127.0.0.1 port that answers ListTables", async () => {
    expect(local.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(local.endpoint).not.toBe(inject("dynamoEndpoint"));
    const client = clientFor(local.endpoint);
    try {
      const { TableNames } = await client.send(new ListTablesCommand({}));
      expect(TableNames).toEqual([]); // in memory: a fresh, empty database
    } finally {
      client.destroy();
    }
  });

  it("runs the JVM as its direct child, so killing the handle kills DynamoDB Local", () => {
    const [java, ...others] = dynamoDBLocalProcesses(port);
    expect(others).toEqual([]);
    expect(java).toMatchObject({ ppid: process.pid, command: "java" });
    expect(java!.args).toContain("-inMemory");
  });

  it("stop() kills the process and the port then refuses connections", async () => {
    const [java] = dynamoDBLocalProcesses(port);
    expect(await tryConnect(port)).toBe("connected");
    await local.stop();
    expect(isAlive(java!.pid)).toBe(false);
    expect(await tryConnect(port)).toBe("ECONNREFUSED");
    await local.stop(); // idempotent
  });

  it("refuses a port that is already taken", async () => {
    const taken = portOf(inject("dynamoEndpoint"));
    await expect(startDynamoDBLocal({ port: taken })).rejects.toThrow(/already in use/);
  });

  it("classifies a lost race for the port as PortInUseError, which the free-port path retries", async () => {
    // Bypasses startDynamoDBLocal's pre-check, as when another process grabs
    // the picked port between findFreePort() and the JVM binding it. The
    // squatter hangs up on every connection, so only the JVM's exit can end this.
    const squatter = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => squatter.listen(0, "127.0.0.1", resolve));
    const taken = (squatter.address() as AddressInfo).port;
    try {
      await expect(launch(taken, 30_000)).rejects.toBeInstanceOf(PortInUseError);
      expect(dynamoDBLocalProcesses(taken).filter((p) => isAlive(p.pid))).toEqual([]);
    } finally {
      squatter.close();
    }
  });

  it("names the package to install when java is missing", async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), "no-java-"));
    const savedPath = process.env.PATH;
    process.env.PATH = emptyDir;
    try {
      const error = await startDynamoDBLocal().then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toContain(JAVA_REQUIRED_MESSAGE);
      expect(error?.message).toContain("openjdk-17-jre-headless");
    } finally {
      process.env.PATH = savedPath;
      rmSync(emptyDir, { recursive: true });
    }
  });
});

describe("no orphan Java process when the parent Node process ends", () => {
  interface Child {
    port: number;
    javaPid: number;
    exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
    kill(signal: NodeJS.Signals): void;
  }

  /** Runs the fixture in a fresh Node process and waits for its DynamoDB Local to be up. */
  async function startChild(mode: "exit" | "throw" | "wait"): Promise<Child> {
    const child = spawn(process.execPath, ["--import", "tsx", childScript, mode], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const endpoint = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /READY (\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      void exited.then(({ code, signal }) => {
        // In "exit"/"throw" mode the child may be gone before we read stdout to the end.
        const match = /READY (\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
        else reject(new Error(`child ended (${code ?? signal}) before READY:\n${stderr}`));
      });
    });
    const port = portOf(endpoint);
    const [java] = dynamoDBLocalProcesses(port);
    // In "exit"/"throw" mode java may already be dead: then its pid is not needed to prove it.
    return { port, javaPid: java?.pid ?? -1, exited, kill: (signal) => child.kill(signal) };
  }

  async function expectNoJavaLeft(child: Child): Promise<void> {
    if (child.javaPid > 0) expect(await waitUntilDead(child.javaPid)).toBe(true);
    expect(dynamoDBLocalProcesses(child.port).filter((p) => isAlive(p.pid))).toEqual([]);
  }

  it("process.exit() kills it", { timeout: 60_000 }, async () => {
    const child = await startChild("exit");
    expect(await child.exited).toEqual({ code: 0, signal: null });
    await expectNoJavaLeft(child);
  });

  it("an uncaught exception kills it", { timeout: 60_000 }, async () => {
    const child = await startChild("throw");
    expect((await child.exited).code).toBe(1);
    await expectNoJavaLeft(child);
  });

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} kills it, and the parent still dies of ${signal}`, { timeout: 60_000 }, async () => {
      const child = await startChild("wait");
      expect(child.javaPid).toBeGreaterThan(0);
      expect(isAlive(child.javaPid)).toBe(true);
      child.kill(signal);
      // The handler must not swallow the signal: the default action (death by it) still happens.
      expect(await child.exited).toEqual({ code: null, signal });
      await expectNoJavaLeft(child);
    });
  }
});
