import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module). Vite would give code it transforms the ESM
    // copy while Node gives packages it loads natively (Pothos, yoga) the CJS one: two copies,
    // and "Cannot use GraphQLSchema from another module or realm". One copy, as under Node.
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    typecheck: { enabled: true, include: ["test/**/*.type.test.ts"] },
    testTimeout: 30_000,
    // The AWS SDK warns on every client under Node 20; the warning is noise in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    hookTimeout: 60_000,
  },
});
