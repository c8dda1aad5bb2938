import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * `npm run codegen`: typed documents for the example operations. Reads the committed
 * `schema.graphql` (written by `npm run schema`), never a running server, so it works offline.
 */
const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: ["example-server/operations/*.graphql"],
  ignoreNoDocuments: false,
  // ESM under NodeNext needs `.js` in relative imports; verbatimModuleSyntax needs `import type`.
  importExtension: ".js",
  generates: {
    "example-server/generated/": {
      preset: "client",
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        // The schema's custom scalars, as the server sends them.
        scalars: { DateTime: "string", JSON: "unknown" },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
