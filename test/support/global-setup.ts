import type { TestProject } from "vitest/node";
import { startDynamoDBLocal } from "../../src/local/index.js";
import "./provided-context.js";

/**
 * Starts one DynamoDB Local for the whole test run (each test file makes its
 * own tables) and hands its endpoint to tests as `inject("dynamoEndpoint")`.
 * Set DYNAMODB_ENDPOINT to use an already running DynamoDB instead.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.DYNAMODB_ENDPOINT;
  if (external) {
    project.provide("dynamoEndpoint", external);
    return undefined;
  }
  const local = await startDynamoDBLocal();
  project.provide("dynamoEndpoint", local.endpoint);
  return () => local.stop();
}
