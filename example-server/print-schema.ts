// `npm run schema`: writes schema.graphql, the SDL that codegen and GraphQL tooling read offline.
import { writeFileSync } from "node:fs";
import { exampleSdl } from "./schema.js";

const target = new URL("../schema.graphql", import.meta.url);
writeFileSync(target, exampleSdl());
console.log(`wrote ${target.pathname}`);
