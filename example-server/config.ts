/** Everything the example server reads from the environment, parsed once and checked. */
export interface ServerConfig {
  /** TCP port; 0 picks a free one. @default 4000 */
  port: number;
  /** Interface to listen on; set `0.0.0.0` in a container. @default "127.0.0.1" */
  host: string;
  /** DynamoDB table. @default "storm-example" */
  tableName: string;
  /** DynamoDB endpoint; when unset, the server starts DynamoDB Local itself. */
  endpoint: string | undefined;
  /** AWS region for the DynamoDB client; when unset, the AWS default chain decides. */
  region: string | undefined;
  /**
   * Create the table when missing and seed it when empty. Turn off where the table is
   * managed elsewhere (production), so the server needs no CreateTable or Scan permission.
   * @default true
   */
  setupTable: boolean;
}

export const DEFAULT_PORT = 4000;
export const DEFAULT_TABLE_NAME = "storm-example";

/**
 * Reads `PORT`, `HOST`, `DB_TABLE_NAME`, `DYNAMODB_ENDPOINT`, `AWS_REGION` and `SETUP_TABLE`.
 * Throws with the variable's name and value when one is malformed, so a typo fails at start
 * rather than at the first request.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: parsePort(env.PORT),
    host: env.HOST || "127.0.0.1",
    tableName: env.DB_TABLE_NAME || DEFAULT_TABLE_NAME,
    endpoint: parseEndpoint(env.DYNAMODB_ENDPOINT),
    region: env.AWS_REGION || undefined,
    setupTable: parseBoolean("SETUP_TABLE", env.SETUP_TABLE, true),
  };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got ${JSON.stringify(value)}`);
  }
  return port;
}

function parseEndpoint(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new Error(`DYNAMODB_ENDPOINT must be an http(s) URL such as http://127.0.0.1:8000, got ${JSON.stringify(value)}`);
  }
  return value;
}

function parseBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new Error(`${name} must be true or false, got ${JSON.stringify(value)}`);
}
