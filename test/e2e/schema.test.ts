import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { exampleSdl } from "../../example-server/schema.js";

it("the committed schema.graphql is the example schema (else run `npm run schema`)", () => {
  const committed = readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8");
  expect(committed, "schema.graphql is stale: run `npm run schema`, then `npm run codegen`").toBe(exampleSdl());
});
