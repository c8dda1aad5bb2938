import type { PublishedChange } from "../../stream/topic.js";

/**
 * Where subscriptions receive changes: graphql-yoga's `createPubSub()` fits as it is (with
 * `@graphql-yoga/redis-event-target` when several server instances share one stream reader).
 */
export interface ChangeSubscriber {
  subscribe(topic: string): AsyncIterable<PublishedChange>;
}

/** Options of `subscriptions` in `buildSchema` / `stormModels`. */
export interface SubscriptionOptions {
  /**
   * The pubsub a StreamReader publishes to (`publishTo(pubsub)`), or a Lambda on the stream
   * (`publishRecords`).
   * @example subscriptions: { pubsub: createPubSub() }
   */
  pubsub: ChangeSubscriber;
  /** Subscriptions open at once in this process; one more answers LIMIT_EXCEEDED. @default 1000 */
  maxActive?: number;
  /**
   * Subscriptions open at once per caller, as `callerKey` names them; one more answers
   * LIMIT_EXCEEDED. Each SSE connection holds one operation, and an operation one
   * subscription field (GraphQL's rule), so this bounds what one caller may hold open.
   * @default 10
   */
  maxPerCaller?: number;
  /**
   * Who the caller is, for `maxPerCaller`: a user id, an API key, an IP address; undefined
   * leaves a caller uncounted.
   * @default () => undefined
   * @example callerKey: (ctx: AppContext) => ctx.user?.id ?? ctx.request.headers.get("x-forwarded-for") ?? undefined
   */
  callerKey?: (context: never) => string | undefined;
}
