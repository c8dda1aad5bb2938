import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // graphql ships several builds (16: CJS main and ESM module; 17 adds development ones).
    // Vite would give code it transforms another build than Node gives packages it loads
    // natively (Pothos, yoga): two copies, and "Cannot use GraphQLSchema from another module
    // or realm". Code under test gets the file Node resolves, as a real app does.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve("graphql") }],
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
