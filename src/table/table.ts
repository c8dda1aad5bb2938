import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import {
  CreateTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  type CreateTableCommandInput,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBError, InvalidDefinition } from "../errors/index.js";

/** Connection settings; every one optional, resolved at use time. */
export interface TableConfig {
  /** Table name. @default process.env.DB_TABLE_NAME */
  name?: string;
  /** DynamoDB client. @default a client for process.env.DYNAMODB_ENDPOINT, else the AWS default chain */
  client?: DynamoDBClient;
  /**
   * Secret that encrypts and authenticates pagination cursors and GraphQL Relay ids. Set
   * it (or STORM_CURSOR_SECRET) when several processes serve one API, or ids must outlive
   * a restart, so a cursor or id from one process is accepted by another.
   * @default process.env.STORM_CURSOR_SECRET, else a random secret per process
   */
  cursorSecret?: string;
}

/**
 * The default connection. `configure` sets process-wide values; `context` overrides them for
 * one async call tree (AsyncLocalStorage), so concurrent requests never see each other's.
 */
export class Table {
  #base: TableConfig = {};
  #defaultClient: DynamoDBClient | undefined;
  #randomSecret: string | undefined;
  readonly #scope = new AsyncLocalStorage<TableConfig>();

  configure(config: TableConfig): void {
    this.#base = { ...this.#base, ...config };
  }

  /** Runs `fn` with `config` layered over the current settings. */
  context<T>(config: TableConfig, fn: () => T): T {
    return this.#scope.run({ ...this.#scope.getStore(), ...config }, fn);
  }

  get name(): string {
    const name = this.#scope.getStore()?.name ?? this.#base.name ?? process.env.DB_TABLE_NAME;
    if (!name) throw new InvalidDefinition("No table name: set DB_TABLE_NAME or call table.configure({ name })");
    return name;
  }

  get client(): DynamoDBClient {
    const client = this.#scope.getStore()?.client ?? this.#base.client;
    if (client) return client;
    this.#defaultClient ??= new DynamoDBClient(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {});
    return this.#defaultClient;
  }

  get cursorSecret(): string {
    const secret = this.#scope.getStore()?.cursorSecret ?? this.#base.cursorSecret ?? process.env.STORM_CURSOR_SECRET;
    if (secret) return secret;
    this.#randomSecret ??= randomBytes(32).toString("hex");
    return this.#randomSecret;
  }

  /**
   * The CreateTable input for the single-table layout: PK/SK, GSI1 on GSI1PK/SK, and a
   * stream of new and old images, which subscriptions read (see `single-table-orm/stream`).
   */
  definition(name: string = this.name): CreateTableCommandInput {
    return {
      TableName: name,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "PK", AttributeType: "S" },
        { AttributeName: "SK", AttributeType: "S" },
        { AttributeName: "GSI1PK", AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: "PK", KeyType: "HASH" },
        { AttributeName: "SK", KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: "GSI1",
          KeySchema: [
            { AttributeName: "GSI1PK", KeyType: "HASH" },
            { AttributeName: "SK", KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
    };
  }

  /** Creates the table; with `ifNotExists`, an existing table is not an error. Returns whether it was created. */
  async create(options: { ifNotExists?: boolean } = {}): Promise<boolean> {
    try {
      await this.client.send(new CreateTableCommand(this.definition()));
      return true;
    } catch (error) {
      if (options.ifNotExists && error instanceof ResourceInUseException) return false;
      throw new DynamoDBError("CreateTable", error);
    }
  }
}

/** The default connection every model uses. */
export const table = new Table();
