import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "@graphql-codegen/cli";
import { expect, it } from "vitest";
import config from "../../codegen.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const generatedDir = join(repoRoot, "example-server/generated");

it("the committed example-server/generated/ is what `npm run codegen` produces now", async () => {
  // Into memory only (saveToFile false): the test never rewrites the files it checks.
  const outputs: { filename: string; content: string }[] = await generate({ ...config, cwd: repoRoot, silent: true }, false);
  const expected = Object.fromEntries(outputs.map((o) => [relative(repoRoot, join(repoRoot, o.filename)), o.content]));
  const committed = Object.fromEntries(
    readdirSync(generatedDir).map((f) => [relative(repoRoot, join(generatedDir, f)), readFileSync(join(generatedDir, f), "utf8")]),
  );
  expect(Object.keys(committed).sort(), "files in example-server/generated/ (run `npm run codegen`)").toEqual(Object.keys(expected).sort());
  for (const [file, content] of Object.entries(expected)) {
    expect(committed[file], `${file} is stale: run \`npm run codegen\` and commit the result`).toBe(content);
  }
}, 60_000);
