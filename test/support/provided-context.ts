// Types what test/support/global-setup.ts hands to tests through
// `project.provide(...)`, so that `inject("dynamoEndpoint")` is a string.
declare module "vitest" {
  export interface ProvidedContext {
    /** DynamoDB endpoint shared by the whole run, e.g. `http://127.0.0.1:41235`. */
    dynamoEndpoint: string;
  }
}

export {};
