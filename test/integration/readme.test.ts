import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { format, promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { table } from "../../src/index.js";
import { graphql, startExample, type RunningExample } from "../e2e/example-env.js";
import { blockAfter, expectedOutput, readme, repoRoot } from "../support/readme.js";
import { RequestCounter } from "../support/request-counter.js";

/** The package's import names, pointed at the sources (the package itself resolves to dist/). */
function fromSources(code: string): string {
  return code
    .replaceAll('from "single-table-orm/graphql"', 'from "../src/graphql/index.js"')
    .replaceAll('from "single-table-orm/local"', 'from "../src/local/index.js"')
    .replaceAll('from "single-table-orm"', 'from "../src/index.js"');
}

describe("the README's 30-second example", () => {
  const code = blockAfter("readme-example");
  let dir: string;
  beforeAll(() => {
    // Inside the repository, so that its imports resolve from node_modules; never committed.
    dir = mkdtempSync(join(repoRoot, ".readme-example-"));
    writeFileSync(join(dir, "example.ts"), fromSources(code));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("runs as written and prints what its `// →` comments say", async () => {
    const expected = expectedOutput(code);
    expect(expected.length).toBeGreaterThan(0);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import(pathToFileURL(join(dir, "example.ts")).href);
      expect(log.mock.calls.map((args) => format(...args))).toEqual(expected);
    } finally {
      log.mockRestore();
    }
  }, 60_000);

  it("type-checks under the project's strict settings", async () => {
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({ extends: "../tsconfig.json", include: ["example.ts"], compilerOptions: { noEmit: true, incremental: false } }),
    );
    const tsc = join(repoRoot, "node_modules/.bin/tsc");
    const result = await promisify(execFile)(tsc, ["-p", join(dir, "tsconfig.json")]).catch((error: { stdout: string }) => error);
    expect(result.stdout).toBe("");
  }, 120_000);
});

describe("the README's example query", () => {
  let example: RunningExample;
  beforeAll(async () => {
    example = await startExample();
  });
  afterAll(() => example?.close());

  it("gets the answer the README shows, with the two DynamoDB requests it claims", async () => {
    const requests = new RequestCounter(table.client);
    const body = await graphql(example.yoga, blockAfter("readme-query"));
    const endCursor = body.data?.customer?.orders?.pageInfo?.endCursor;
    expect(typeof endCursor).toBe("string");
    body.data!.customer.orders.pageInfo.endCursor = "…";
    const { extensions, ...answer } = body;
    expect(answer).toEqual(JSON.parse(blockAfter("readme-answer")));
    expect(requests.calls).toEqual(["Query", "BatchGetItem"]);
    // The example server reports the same two requests with the answer.
    expect(extensions?.storm?.cost.requestsByCommand).toEqual({ Query: 1, BatchGetItem: 1 });
    expect(readme).toContain("It costs two DynamoDB requests: one Query of Ada's partition");
  });
});

it("the README's table definition is table.definition()", () => {
  expect(JSON.parse(blockAfter("readme-table"))).toEqual(table.definition("storm-example"));
});
