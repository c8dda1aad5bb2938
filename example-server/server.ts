import { createServer as createHttpServer, type Server } from "node:http";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { createExampleYoga, type ExampleYoga } from "./yoga.js";

export type { ExampleYoga } from "./yoga.js";

/**
 * An HTTP server around the example yoga, with GraphiQL served self-contained (no CDN), not
 * yet listening: `main.ts` listens, tests may use `yoga.fetch` instead.
 */
export function createServer(): { server: Server; yoga: ExampleYoga } {
  const yoga = createExampleYoga({ renderGraphiQL });
  return { server: createHttpServer(yoga), yoga };
}
