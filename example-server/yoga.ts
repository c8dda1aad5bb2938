import { createYoga, type GraphiQLOptions, type YogaServerInstance } from "graphql-yoga";
import { useStormCost, useStormLimits } from "../src/yoga/index.js";
import { callerOf, exampleRules, signToken, type ExampleContext } from "./auth.js";
import { EXAMPLE_VARIABLES, exampleQuery } from "./example-query.js";
import { useTableReadiness } from "./health.js";
import { buildExampleSchema } from "./schema.js";

export type ExampleYoga = YogaServerInstance<{}, ExampleContext>;

export interface ExampleYogaOptions {
  /**
   * Renders the GraphiQL page served on `GET /graphql` to browsers; without it GraphiQL is off.
   * Pass `renderGraphiQL` from `@graphql-yoga/render-graphiql`: yoga's default page loads
   * GraphiQL from a CDN and stays blank without internet. Kept out of this module so that the
   * Lambda bundle, which serves no GraphiQL, does not carry its 9 MB.
   */
  renderGraphiQL?: (options: GraphiQLOptions) => string;
}

/**
 * The example's yoga instance: the schema built from the models, errors masked, the
 * schema's limits applied to every operation (introspection-only ones included), `/health` and `/ready`, and GraphiQL when a renderer is given. Call it in-process with `yoga.fetch`,
 * or mount it on any server.
 */
export function createExampleYoga(options: ExampleYogaOptions = {}): ExampleYoga {
  const { renderGraphiQL } = options;
  return createYoga<{}, ExampleContext>({
    schema: buildExampleSchema({ rules: exampleRules }),
    // The caller comes from `authorization: Bearer <JWT>`; the schema's rules confine it.
    context: async ({ request }) => ({ caller: await callerOf(request) }),
    graphqlEndpoint: "/graphql",
    // The first tab opens with its variables filled in: Run answers without editing anything.
    // The Headers pane opens with a development admin token, to swap for a shopper's
    // (`npm run token -- ada`).
    graphiql: renderGraphiQL
      ? async () => {
          // New tabs get the header too (`headers`), not only the first one.
          const headers = JSON.stringify({ authorization: `Bearer ${await signToken("admin")}` }, null, 2);
          return {
            title: "single-table-orm example",
            defaultTabs: [{ query: exampleQuery(), variables: EXAMPLE_VARIABLES, headers }],
            headers,
            // GraphiQL 5 fills the Variables pane from this, not from the first tab's variables.
            variables: EXAMPLE_VARIABLES,
            defaultEditorToolsVisibility: "headers" as const,
          };
        }
      : false,
    ...(renderGraphiQL ? { renderGraphiQL } : {}),
    maskedErrors: true,
    landingPage: false,
    // Oversized documents are refused while parsing, before any work is spent on them, and
    // operations made only of introspection fields are held to the limits too.
    // What each operation cost in DynamoDB shows under every result (extensions.storm.cost).
    plugins: [useTableReadiness(), useStormLimits(), useStormCost({ extensions: true })],
  });
}
