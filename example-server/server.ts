import { createServer as createHttpServer, type Server } from "node:http";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { exampleQuery } from "./example-query.js";
import { useTableReadiness } from "./health.js";
import { buildExampleSchema } from "./schema.js";

export type ExampleYoga = YogaServerInstance<{}, {}>;

export interface ExampleServerOptions {
  /**
   * Serve GraphiQL on `GET /graphql` from a browser. The page bundles GraphiQL (about 9 MB,
   * no CDN), which is more than a Lambda response may carry: the Lambda handler turns it off.
   * @default true
   */
  graphiql?: boolean;
}

/**
 * The example's yoga instance: the schema built from the models, GraphiQL served
 * self-contained, errors masked, and `/health` plus `/ready`. Use `yoga.fetch` to call it
 * in-process, or mount it on any server.
 */
export function createExampleYoga(options: ExampleServerOptions = {}): ExampleYoga {
  return createYoga({
    schema: buildExampleSchema(),
    graphqlEndpoint: "/graphql",
    // Yoga's default page loads GraphiQL from a CDN and stays blank without internet.
    graphiql: options.graphiql === false ? false : { title: "single-table-orm example", defaultQuery: exampleQuery() },
    renderGraphiQL,
    maskedErrors: true,
    landingPage: false,
    plugins: [useTableReadiness()],
  });
}

/** An HTTP server around the example yoga, not yet listening. */
export function createServer(options: ExampleServerOptions = {}): { server: Server; yoga: ExampleYoga } {
  const yoga = createExampleYoga(options);
  return { server: createHttpServer(yoga), yoga };
}
