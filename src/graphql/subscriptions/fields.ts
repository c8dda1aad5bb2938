import type { SchemaTypes } from "@pothos/core";
import { buildPk, buildSk } from "../../keys/build.js";
import type { Where } from "../../ops/where.js";
import { whereMatcher } from "../../ops/where-match.js";
import { decodeChangeOf } from "../../stream/change.js";
import { changeTopic, type PublishedChange } from "../../stream/topic.js";
import { withoutNulls } from "../args.js";
import { toClientError } from "../errors.js";
import { withArticle } from "../naming.js";
import { dropLoaders } from "../operation-loaders.js";
import type { AnyModel } from "../relations.js";
import type { SchemaContext } from "../schema/context.js";
import { fieldArgs } from "../schema/root-fields.js";
import { mappedStream, RecentIds } from "./event-stream.js";
import { changeEventType, type ChangeEventValue } from "./event-type.js";
import type { SubscriptionLimiter } from "./limiter.js";
import type { ChangeSubscriber } from "./options.js";

type RootFieldBuilder = PothosSchemaTypes.RootFieldBuilder<SchemaTypes, unknown>;
type Args = Record<string, unknown>;

/** Change ids remembered per subscription: repeats come from a reader restarted mid-batch, so they are recent. */
const RECENT_CHANGES = 1000;

/** What every subscription field of a schema shares: where changes come from and the limits. */
export interface ChangeFeed {
  pubsub: ChangeSubscriber;
  limiter: SubscriptionLimiter;
}

async function* nothing(): AsyncGenerator<never> {}

/**
 * The events of one partition (or, with `sk`, one item) the caller may see. Read rules and
 * scope are asked on every event, as on every query path: an event whose item the caller may
 * not read is not delivered, and a `previous` it may not read is null. Field guards apply
 * when the event's fields resolve, as they do on any query.
 */
function changeEvents(ctx: SchemaContext, feed: ChangeFeed, model: AnyModel, context: unknown, key: Args, single: boolean, filter: Where | undefined): AsyncIterableIterator<ChangeEventValue> {
  const meta = model.meta;
  const selected = filter && whereMatcher(meta, filter);
  const auth = ctx.auth.get(meta.name)!;
  const sk = single ? buildSk(meta, key) : undefined;
  const topic = changeTopic(meta.name, buildPk(meta, key));
  const recent = new RecentIds(RECENT_CHANGES);
  // Opened last: a key refused above (too long, say) must not hold a subscription slot.
  const close = feed.limiter.open(context);
  const source = feed.pubsub.subscribe(topic);
  return mappedStream(
    source,
    (published: PublishedChange) => {
      if (recent.seen(published.id)) return undefined;
      const change = decodeChangeOf(model, published);
      const current = (change.node ?? change.previous)!;
      if (sk !== undefined && current.getSk() !== sk) return undefined;
      if (!auth.canRead(context, current)) return undefined;
      // As on a connection; a write that moves the item into or out of the filter's selection counts.
      if (selected && !((change.node && selected(change.node)) || (change.previous && selected(change.previous)))) return undefined;
      // This event's fields resolve next, on the same context: with loaders of their own.
      dropLoaders(context);
      return { kind: change.kind, node: change.node, previous: change.previous && auth.canRead(context, change.previous) ? change.previous : null };
    },
    close,
  );
}

/** `orderChanged(key)`, and `ordersChanged(pk)` when the model has sk fields (as the root lists). */
export function subscriptionFields(t: RootFieldBuilder, ctx: SchemaContext, feed: ChangeFeed, model: AnyModel): Record<string, unknown> {
  const meta = model.meta;
  const names = ctx.names.get(meta.name)!;
  const auth = ctx.auth.get(meta.name)!;
  const type = changeEventType(ctx, model);
  const refs = ctx.refs.get(meta.name)!;
  const field = (argNames: readonly string[], single: boolean, description: string) =>
    t.field({
      type: type as never,
      nullable: false,
      description,
      args: { ...fieldArgs(t, ctx, model, argNames), ...(single ? {} : { filter: t.arg({ type: refs.filter as never, description: "Only writes whose item matches, before or after the write." }) }) },
      subscribe: (_: unknown, args: Args, context: unknown) => {
        try {
          const key = auth.keyFromArgs(context, args, argNames);
          // A partition outside the caller's scope is known from its key: nothing will come.
          const filter = args.filter ? (withoutNulls(args.filter) as Where) : undefined;
          return (key ? changeEvents(ctx, feed, model, context, key, single, filter) : nothing()) as never;
        } catch (error) {
          // Resolver wrapping does not reach `subscribe`: a bad filter is still BAD_USER_INPUT.
          throw toClientError(error);
        }
      },
      resolve: (event: ChangeEventValue) => event as never,
    });
  const keyFields = [...meta.pk, ...meta.sk].map((p) => p.name);
  const fields: Record<string, unknown> = {
    [`${names.single}Changed`]: field(keyFields, true, `Every write to ${withArticle(meta.name)}, whoever made it.`),
  };
  if (meta.sk.length) fields[`${names.plural}Changed`] = field(meta.pk.map((p) => p.name), false, `Every write to ${meta.name} items of one partition, whoever made it.`);
  return fields;
}
